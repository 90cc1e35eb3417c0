"""Possibly linked, generalised (#24 item 2, DESIGN.md section 9): an agreement whose
party list is incomplete, or a channel network whose member list is, may bind any pair
of its region; a data gap, never "no link"."""

from __future__ import annotations

from typing import Any

from coordgraph.analyses import unlinked_routes
from coordgraph.dataset import Dataset
from coordgraph.findings import Finding, GapType, LinkKind
from coordgraph.model import Agreement, DatasetInfo, Network, Record, Route


def _finding(*records: Record, origin: str, destination: str, as_of: str = "2010") -> Finding:
    route = Route(id="r", origin=origin, destination=destination, victims=["girls"])
    ds = Dataset.from_records(DatasetInfo(name="t", title="test"), [*records, route])
    G = ds.only_verified().to_networkx()
    (f,) = [f for f in unlinked_routes(G, as_of=as_of) if not f.details.get("internal")]
    return f


def _possible(f: Finding) -> list[str]:
    return [n for n in f.near_misses if n.startswith("possibly linked by")]


def _communities() -> list[Record]:
    return [
        Network(id="ecowas", type="intergovernmental", members=["BEN", "SEN"]),
        Network(id="eccas", type="intergovernmental", members=["CMR", "GNQ"]),
    ]


def _agreement(**kw: Any) -> Agreement:
    data: dict[str, Any] = {
        "id": "abuja",
        "name": "Abuja agreement",
        "type": "multilateral",
        "scope": "all_persons",
        "signed": "2006-07-06",
    }
    data.update(kw)
    return Agreement.model_validate(data)


def test_a_multilateral_agreement_with_no_party_listed_is_not_complete() -> None:
    assert _agreement().parties_complete is False
    assert _agreement(parties=["BEN", "SEN"], party_count=26).parties_complete is False
    assert _agreement(parties=["BEN", "SEN"]).parties_complete is True
    assert _agreement(parties_complete=True, parties=["BEN", "SEN"]).parties_complete is True


def test_an_agreement_with_no_party_listed_may_bind_its_network(tmp_path: Any) -> None:
    f = _finding(*_communities(), _agreement(network="ecowas"), origin="BEN", destination="SEN")
    assert f.gap_type is GapType.DATA
    (possible,) = _possible(f)
    assert "Abuja agreement" in possible and "BEN and SEN are members of ecowas" in possible


def test_the_region_of_an_agreement_is_also_where_its_recorded_parties_are() -> None:
    # ECOWAS is its network, Cameroon its one recorded party: an ECCAS member may be one
    ag = _agreement(network="ecowas", parties=["CMR"], parties_complete=False)
    f = _finding(*_communities(), ag, origin="BEN", destination="GNQ")
    (possible,) = _possible(f)
    assert "BEN is a member of ecowas; GNQ is a member of eccas" in possible
    # a State in neither community is not a possible party
    f = _finding(*_communities(), ag, origin="BEN", destination="ITA")
    assert not _possible(f)


def test_a_complete_list_with_an_unverified_party_opens_no_other_state() -> None:
    ag = _agreement(
        network="eccas",
        parties=[
            {"country": "CMR", "signed": "2006"},
            {"country": "GNQ", "signed": "2006", "verification": "unverified"},
        ],
        parties_complete=True,
    )
    region = Network(id="eccas", type="intergovernmental", members=["CMR", "GNQ", "GAB"])
    f = _finding(region, ag, origin="CMR", destination="GAB")
    assert not _possible(f)


def test_a_channel_network_with_members_not_all_recorded_may_bind_its_parents_members() -> None:
    focal = Network(
        id="focal-institutions",
        name="Network of national focal institutions",
        type="contact_point_network",
        requires_focal_point=True,
        members_complete=False,
        parent="ecowas",
    )
    f = _finding(*_communities(), focal, origin="BEN", destination="SEN")
    (possible,) = _possible(f)
    assert "Network of national focal institutions" in possible
    assert "members are not all recorded" in possible
    f = _finding(*_communities(), focal, origin="BEN", destination="GNQ")
    assert not _possible(f)


# ------------------------------------------------------- reservations (#25 item 4)


def _reserved(**party: Any) -> list[Record]:
    ag = Agreement.model_validate(
        {
            "id": "convention",
            "name": "Regional convention",
            "type": "multilateral",
            "scope": "all_persons",
            "in_force": "2005",
            "exploitation": ["all"],
            "provisions": ["return_procedure"],
            "parties": [
                {"country": "NGA", "ratified": "2004"},
                {"country": "ITA", "ratified": "2004", "reservations": "(text)", **party},
                {"country": "BEN", "ratified": "2004"},
            ],
        }
    )
    return [ag]


def _route(origin: str, destination: str, purpose: str, *records: Record) -> Finding:
    route = Route(
        id="r",
        origin=origin,
        destination=destination,
        victims=["girls"],
        purposes=[purpose],
    )
    ds = Dataset.from_records(DatasetInfo(name="t", title="test"), [*records, route])
    (f,) = [
        f for f in unlinked_routes(ds.to_networkx(), as_of="2010") if not f.details.get("internal")
    ]
    return f


def test_a_reservation_excluding_a_form_unlinks_that_party_for_it() -> None:
    records = _reserved(excludes=["labour"])
    f = _route("NGA", "ITA", "domestic_servitude", *records)
    assert f.link_kind is LinkKind.NONE
    assert any("ITA's reservation excludes labour" in n for n in f.near_misses)
    # the same route purpose between two parties without the reservation is linked
    assert _route("NGA", "BEN", "domestic_servitude", *records).link_kind is not LinkKind.NONE
    # and another form between the reserving party and another is linked
    assert _route("NGA", "ITA", "sexual_exploitation", *records).link_kind is not LinkKind.NONE


def test_a_reservation_excluding_a_provision_misses_that_criterion() -> None:
    f = _route("NGA", "ITA", "sexual_exploitation", *_reserved(excludes=["return_procedure"]))
    assert "return_procedure" in f.criteria_missing
    assert "reservation excludes its return procedure" in str(f.details["criteria"])
    f = _route("NGA", "BEN", "sexual_exploitation", *_reserved(excludes=["return_procedure"]))
    assert "return_procedure" in f.criteria_met


def test_a_party_known_only_by_an_upper_bound_is_a_data_gap() -> None:
    # Portugal ratified "<2013-10-31": on 2010 whether it was already a party is open
    ag = _agreement(
        parties=[
            {"country": "MDA", "ratified": "2006"},
            {"country": "PRT", "ratified": "<2013-10-31"},
        ],
        parties_complete=True,
    )
    f = _finding(ag, origin="MDA", destination="PRT", as_of="2010")
    assert f.link_kind is LinkKind.NONE and f.gap_type is GapType.DATA
    exact = _agreement(
        parties=[
            {"country": "MDA", "ratified": "2006"},
            {"country": "PRT", "ratified": "2013-10-01"},
        ],
        parties_complete=True,
    )
    f = _finding(exact, origin="MDA", destination="PRT", as_of="2010")
    assert f.gap_type is GapType.POLICY


def test_a_party_known_only_by_a_bound_opens_no_other_state_of_the_region() -> None:
    # a complete list says who is ever a party: the bound concerns Portugal alone
    region = Network(id="coe", type="intergovernmental", members=["MDA", "PRT", "ALB"])
    ag = _agreement(
        network="coe",
        parties=[
            {"country": "MDA", "ratified": "2006"},
            {"country": "PRT", "ratified": "<2013-10-31"},
        ],
        parties_complete=True,
    )
    f = _finding(region, ag, origin="MDA", destination="ALB", as_of="2010")
    assert not _possible(f)
