"""Country names in a translated message (coordgraph.text.i18n.translate_message)."""

from __future__ import annotations

from unittest import mock

from coordgraph.text import i18n

COUNTRIES = {"Guinea": "GIN", "Equatorial Guinea": "GNQ", "Guinea-Bissau": "GNB", "Senegal": "SEN"}


def test_country_names_are_sorted_once_not_for_every_message() -> None:
    """The country names were sorted (and joined into a pattern) again for every
    message, and so were all the names as recorded: a report or explorer of thousands of
    findings re-sorted the same lists thousands of times. The longest name still wins
    (Equatorial Guinea is not "Equatorial" and Guinea)."""
    messages = [
        f"route {n}: Equatorial Guinea -> Guinea; Guinea-Bissau and Senegal" for n in range(50)
    ]
    assert (
        i18n.translate_message(messages[0], "fr", countries=COUNTRIES)
        == "route 0 : Guinée équatoriale -> Guinée ; Guinée-Bissau and Sénégal"
    )
    data = [f"Record {n}" for n in range(1000)]  # names as recorded, none in the messages
    with mock.patch("builtins.sorted", side_effect=sorted) as calls:
        said = [i18n.translate_message(m, "fr", data=data, countries=COUNTRIES) for m in messages]
    # neither the country names nor the recorded names are sorted again per message
    sorted_sizes = [len(c.args[0]) for c in calls.call_args_list]
    assert all(size < len(COUNTRIES) for size in sorted_sizes), sorted_sizes
    assert said == [
        f"route {n} : Guinée équatoriale -> Guinée ; Guinée-Bissau and Sénégal" for n in range(50)
    ]
