"""The words of the interface in English, the source language: every other language
(:mod:`coordgraph.text.locale_fr`) translates these ids and keeps their ``{params}``.

:data:`WORDS` holds the report's headings, labels and sentences; :data:`PHRASES` the
phrases the analyses write into finding messages, each a template whose ``{params}``
hold data (names, dates, counts) that stays as recorded
(:func:`coordgraph.text.i18n.translate_message`).
"""

from __future__ import annotations

__all__ = ["PHRASES", "WORDS"]

WORDS: dict[str, str] = {
    # --- severities, gap types, criteria
    "severity.high": "high",
    "severity.medium": "medium",
    "severity.low": "low",
    "severity.info": "info",
    "gap_type.policy": "missing in the cooperation",
    "gap_type.data": "the sources do not settle it",
    "gap_type.label": "kind of gap",
    "criterion.in_force": "in force",
    "criterion.victims_covered": "covers the route's victims",
    "criterion.exploitation_covered": "covers the form of exploitation",
    "criterion.operational_channel": "a working channel for cases",
    "criterion.child_specific_provisions": "provisions for children",
    "criterion.return_procedure": "a return procedure",
    "criterion.child_procedure": "a procedure for children",
    "criterion.child_protection_tie": "a tie to the child-protection structure",
    "criterion.independent": "independence from the coordinating body",
    "criterion.evaluated": "an evaluation",
    "criterion.budget": "a budget",
    "criterion.timetable": "a timetable",
    "criterion.child_scope": "objectives specific to children",
    "criterion.reaches_local": "local mechanisms it reaches",
    "criteria.met": "met",
    "criteria.missing": "missing",
    "criteria.unknown": "not recorded",
    # --- kinds of finding: a heading for a group, one, several
    "kind.route_unlinked": "Route pairs with no link",
    "kind.route_unlinked.one": "route pair with no link",
    "kind.route_unlinked.many": "route pairs with no link",
    "kind.route_unresolved": "Routes with an end the sources do not identify",
    "kind.route_unresolved.one": "route with an unknown end",
    "kind.route_unresolved.many": "routes with an unknown end",
    "kind.route_linked": "Route pairs that are linked",
    "kind.route_linked.one": "linked route pair",
    "kind.route_linked.many": "linked route pairs",
    "kind.duplicate_mechanisms": "Coordinating bodies whose remits overlap",
    "kind.duplicate_mechanisms.one": "pair of overlapping bodies",
    "kind.duplicate_mechanisms.many": "pairs of overlapping bodies",
    "kind.duplicate_action_plans": "Plans of action that overlap",
    "kind.duplicate_action_plans.one": "pair of overlapping plans",
    "kind.duplicate_action_plans.many": "pairs of overlapping plans",
    "kind.overlapping_networks": "Regional networks that overlap",
    "kind.overlapping_networks.one": "pair of overlapping networks",
    "kind.overlapping_networks.many": "pairs of overlapping networks",
    "kind.member_without_focal_point": "Network members without a focal point",
    "kind.member_without_focal_point.one": "member without a focal point",
    "kind.member_without_focal_point.many": "members without a focal point",
    "kind.endpoint_without_focal_point": "States on routes without a focal point",
    "kind.endpoint_without_focal_point.one": "route State without a focal point",
    "kind.endpoint_without_focal_point.many": "route States without a focal point",
    "kind.orphan_focal_point": "Focal points for a network their State is not a member of",
    "kind.orphan_focal_point.one": "focal point outside its network",
    "kind.orphan_focal_point.many": "focal points outside their network",
    "kind.plan_not_evaluated": "Plans of action with no evaluation recorded",
    "kind.plan_not_evaluated.one": "plan with no evaluation recorded",
    "kind.plan_not_evaluated.many": "plans with no evaluation recorded",
    "kind.plan_without_structure": "Plans of action without a coordinating structure",
    "kind.plan_without_structure.one": "plan without a coordinating structure",
    "kind.plan_without_structure.many": "plans without a coordinating structure",
    "kind.membership_incomplete": "Networks whose member list is incomplete in the sources",
    "kind.membership_incomplete.one": "incomplete member list",
    "kind.membership_incomplete.many": "incomplete member lists",
    "kind.local_officials_unlinked": "Local officials at both ends of a route not linked",
    "kind.local_officials_unlinked.one": "route whose local officials are not linked",
    "kind.local_officials_unlinked.many": "routes whose local officials are not linked",
    "kind.local_officials_linked": "Local officials at both ends of a route linked",
    "kind.local_officials_linked.one": "route whose local officials are linked",
    "kind.local_officials_linked.many": "routes whose local officials are linked",
    "kind.structure_missing": (
        "Structures a State is expected to have that are missing or not recorded"
    ),
    "kind.structure_missing.one": "expected structure missing",
    "kind.structure_missing.many": "expected structures missing",
    "kind.structure_incomplete": "Expected structures that lack something asked of them",
    "kind.structure_incomplete.one": "expected structure incomplete",
    "kind.structure_incomplete.many": "expected structures incomplete",
    "kind.structure_present": "Expected structures that are present",
    "kind.structure_present.one": "expected structure present",
    "kind.structure_present.many": "expected structures present",
    # --- the count line
    "counts.none": "No gaps found{where}{when}{extra}.",
    "counts.none.linked": " ({n} linked route pairs listed)",
    "counts.gaps": "{n} gaps{where}{when} ({by_severity}): {by_kind}.",
    "counts.where": " in {dataset}",
    "counts.when": " as of {day}",
    "focal_point.designated": "designated",
    "focal_point.not_designated": "not designated",
    "focal_point.not_recorded": "not recorded",
    "records.sources": "sources",
    "records.areas": "areas",
    "records.agencies": "agencies",
    "records.networks": "networks",
    "records.agreements": "agreements",
    "records.mechanisms": "mechanisms",
    "records.action_plans": "plans of action",
    "records.focal_points": "focal points",
    "records.routes": "routes",
    "records.memberships": "memberships",
    "records.cases": "cases",
    "records.countries": "countries",
    "records.one.sources": "source",
    "records.one.countries": "country",
    "records.one.areas": "area",
    "records.one.agencies": "agency",
    "records.one.networks": "network",
    "records.one.agreements": "agreement",
    "records.one.mechanisms": "mechanism",
    "records.one.action_plans": "plan of action",
    "records.one.focal_points": "focal point",
    "records.one.routes": "route",
    "records.one.memberships": "membership",
    "records.one.cases": "case",
    # pictures (render/): legends, titles, footers
    "pic.style.bilateral_agreement": "bilateral agreement in force",
    "pic.style.multilateral_agreement": "multilateral agreement in force",
    "pic.style.legal_basis": "legal basis only (no operational channel)",
    "pic.style.focal_point_channel": "focal-point channel",
    "pic.style.local": "local link or mechanisms",
    "pic.style.none": "no link (gap)",
    "pic.style.domestic": "within one State, no local link",
    "pic.style.unresolved": "an end not identified",
    "pic.focal.designated": "focal point designated",
    "pic.focal.not_designated": "recorded as not designated",
    "pic.focal.not_recorded": "not recorded in the sources",
    "pic.no_agency.designated": "focal point designated (agency not named)",
    "pic.no_fp": "no focal point recorded",
    "pic.cases.one": "{n} case",
    "pic.cases.many": "{n} cases",
    "pic.cases.not_recorded": "cases not recorded",
    "pic.legend.colour": "Colour and dash: link as of\n{day}",
    "pic.legend.width": "Width: recorded cases (volume)",
    "pic.more": "… and {n} more",
    "pic.not_on_map": "Not on the map (no location):",
    "pic.unknown.to": "? {place} (to {others})",
    "pic.unknown.from": "? {place} (from {others})",
    "pic.outside_extent": "{place} (outside the map's extent)",
    "pic.no_position": "{place} (no outline or position in countryinfo)",
    "pic.gap_count": "{routes} routes, {gaps} with a leg across a border that has no link",
    "pic.gap_count.domestic": ", {n} within one State with no local link",
    "pic.map.subtitle": "Route map: {gaps}, as of {day}",
    "pic.origin_unknown": "origin not identified",
    "pic.routes.n": "{n} routes",
    "pic.routes.legend": "colour and dash: link as of {day}; width: recorded cases",
    "pic.routes.heaviest": (
        "; the {shown} with the most recorded cases drawn, {n} more listed by coordgraph "
        "gaps routes"
    ),
    "pic.routes.subtitle": (
        "Routes by State of origin: {rows} distinct routes, {gaps} with a leg that has no "
        "link, as of {day}"
    ),
    "pic.hub.members": "{n} member States",
    "pic.hub.members_recorded": "{n} member States recorded",
    "pic.network.subtitle_incomplete": (
        "{network}: {n} member States recorded (the list is incomplete) and their focal "
        "points as of {day}"
    ),
    "pic.member_focal_point": "Member's focal point",
    "pic.links_among": "Links among the members as of {day} ({pairs} pairs):",
    "pic.links_kind": "{kind}: {n} pairs",
    "pic.links_none": "none recorded",
    "pic.no_fp_any": (
        "No focal point is recorded for any of the {n} members: the sources cited do not name"
        " them (a gap in the data, not evidence that none exist)."
    ),
    "pic.network.subtitle": "{network}: {n} member States and their focal points as of {day}",
    "pic.no_date": "n.d.",
    "pic.sources": "Sources: {sources}",
    "pic.sources.none": "Sources: none recorded for what is drawn",
    "pic.sources.documents": ", {n} documents",
    "pic.sources.full_list": "… (full list: coordgraph summary)",
    "pic.situation": "Situation as of {day}.",
    "pic.drawn_by": "Drawn by coordgraph from the dataset '{name}'.",
    # --- planned actions (planning.py): what each is, and why
    "list.and": " and ",
    "action.agreement": "New bilateral agreement",
    "action.focal-point": "Designate a focal point",
    "action.membership": "Join a network",
    "action.join": "Accede to an agreement",
    "action.local-link": "Link local bodies",
    "action.provisions": "Amend an agreement",
    "action.hotline": "Set up a reporting hotline",
    "action.designate": "Set up an expected structure",
    "plan.designate": "{me} sets up {structure}, which the sources say it lacks",
    "plan.designate.revive": "{me} makes {name} work, or sets up {structure} in its place",
    "plan.designate.apart": "{me} sets up {structure}; today that role is held by {name}",
    "plan.designate.unrecorded": (
        "{me} sets up {structure}, or the dataset records the one it has (none is recorded)"
    ),
    "plan.expectations": "fills {n} expectations ({units})",
    "plan.expectations.one": "fills 1 expectation ({units})",
    "plan.expected_by": "{expected}: expected by {profiles}; today: {status}",
    "plan.no_routes": "no cross-border route recorded",
    "action.database": "Connect to a law-enforcement database",
    "plan.hotline.one": (
        "{states} sets up a hotline to report child sexual abuse material online, so that "
        "its online routes have a reporting channel at each end"
    ),
    "plan.hotline.many": (
        "{states} set up a hotline to report child sexual abuse material online, so that "
        "their online routes have a reporting channel at each end"
    ),
    "plan.database": (
        "{other} is connected to {name}; {me} connecting to it gives a law-enforcement "
        "channel for their online routes"
    ),
    "plan.agreement": (
        "a new bilateral agreement between {a} and {b} in force, on {scope}, covering all "
        "forms of exploitation, with {provisions}"
    ),
    "plan.focal_point.one": (
        "{states} designates a focal point in {name}, so that {a} and {b} both have one there"
    ),
    "plan.focal_point.many": (
        "{states} designate a focal point in {name}, so that {a} and {b} both have one there"
    ),
    "plan.membership": (
        "{other} has a focal point in {name}; {me} joining it and designating one creates a "
        "focal-point channel"
    ),
    "plan.join": "{me} accedes to {name}, to which {other} is party",
    "plan.join_later": (
        "{me} accedes to {name}, to which {other} is party (the sources record it becoming a "
        "party only in {day})"
    ),
    "plan.local_link": (
        "{body} and {body2} agree to work together directly (a local link, recommendation 12.2.2)"
    ),
    "plan.provisions": "{name} gains {provisions} (an amendment or protocol)",
    "plan.provisions.unchecked": (
        "{name} gains {provisions} (an amendment or protocol; what it covers is not all "
        "recorded, so check its text first)"
    ),
    "plan.changes": "fills {criteria} on {pairs} ({units})",
    "plan.criteria": "{n} link criteria",
    "plan.criteria.one": "1 link criterion",
    "plan.pairs": "{n} route pairs",
    "plan.pairs.one": "1 route pair",
    "plan.routes": "{n} routes",
    "plan.routes.one": "1 route",
    "plan.cases": "{n} recorded cases",
    "plan.cases.one": "1 recorded case",
    "plan.newly_links": "; newly links {pairs}",
    "plan.more_agreements": "and {n} more",
    "plan.more_pairs": "and {n} more route pairs",
    "plan.parties_n": "its {n} parties",
    "plan.pair": "{where}: {criteria}; today: {today}",
    "plan.today.by": "linked by {names}",
    "plan.today.linked": "linked, not by an agreement",
    "plan.today.near": "no link; agreements on record that do not link them: {names}",
    "plan.today.none": "no link",
    "plan.in": ", in {name}",
    "plan.after": " (after action {n})",
    "plan.region_note": (
        "A State is proposed to join an agreement or network only in the region of its "
        "parties or members: the sources record no eligibility."
    ),
    "provision.return_procedure": "a return procedure",
    "provision.victim_assistance": "victim assistance",
    "provision.guardianship": "guardianship",
    "provision.individual_case_assessment": "individual case assessment",
    "provision.information_exchange": "information exchange",
    "provision.joint_investigation": "joint investigation",
    "provision.family_tracing": "family tracing",
    "provision.separated_children": "care of separated children",
    "provision.focal_points": "focal points",
    "provision.joint_commission": "a joint commission",
    "provision.other": "other provisions",
    "provision.all_forms": "coverage of all forms of exploitation",
    "agreement_scope.children": "children",
    "agreement_scope.all_persons": "all persons",
    # --- the explorer (explorer/page.py, explorer.js): {x} are filled by the page
    "ex.as_of": "As of",
    "ex.state": "State",
    "ex.network": "Network",
    "ex.all": "all",
    "ex.findings": "Findings: {count} shown, {gaps} gaps",
    "ex.click": (
        "Click a finding to highlight its States, routes and evidence. Computed by "
        "coordgraph {version} for each date; dataset {dataset}."
    ),
    "ex.explorer": "explorer",
    "ex.other_countries": "other countries",
    "ex.states_in_data": "States in the data",
    "ex.status.linked": "linked route pairs",
    "ex.status.unlinked": "unlinked route pairs",
    "ex.status.unresolved": "unresolved route pairs",
    "ex.status.legal basis only": "legal basis only route pairs",
    "ex.status.internal": "domestic route pairs",
    "ex.selected_routes": "selected routes",
    "ex.states": "States",
    "ex.worst": " (worst finding: {severity})",
    "ex.no_pairs_draw": (
        "No route pair to draw as of {day}{selection}: the routes the sources record start "
        "later, or none is recorded."
    ),
    "ex.no_pairs_recorded": (
        "No route pair recorded as of {day}{selection}: the routes the sources record start "
        "later, or none is recorded."
    ),
    "ex.for_selection": " for this selection",
    "ex.map_title": "Route pairs as of {day}",
    "ex.no_focal_point": " - no focal point",
    "ex.more_members": (
        " (+{n} other members or parties on this day, not among the States in the data)"
    ),
    "ex.node.Country": "Country",
    "ex.node.Network": "Network",
    "ex.node.Agreement": "Agreement",
    "ex.node.FocalPoint": "FocalPoint",
    "ex.empty_network": (
        "No member, party or focal point is recorded as of {day}. The sources cited name "
        "none: a gap in the data, not evidence that none exist. Choose a network above to "
        "see its members."
    ),
    "ex.empty_this_network": (
        "{name}: no member, party or focal point is recorded as of {day}. The sources cited "
        "name none: a gap in the data, not evidence that none exist."
    ),
    "ex.network_title": "Networks, agreements and focal points",
    "ex.nearest": "Nearest: ",
    "ex.evidence": "Evidence: ",
    "ex.routes": "Routes: ",
    "ex.sources": "Sources: ",
    "ex.criteria_missing": "Criteria missing: ",
    "ex.criteria_unknown": "Not recorded (data gap): ",
    "ex.gap_type": "Gap type: ",
    "ex.rule": "Rule: ",
    "ex.nearest_year": (
        "Nothing changes in {asked} in this dataset, so it has no step: showing {shown}, the "
        "nearest year with one."
    ),
    "ex.expected.title": "Expected structures: {name}",
    "ex.expected.pick": (
        "Choose a State to see the structures it is expected to have, and which the records show."
    ),
    "ex.expected.none": "No expectation profile applies to {name} on {day}.",
    "ex.expected.structure": "expected",
    "ex.expected.status": "status",
    "ex.expected.record": "record",
    "ex.no_step": "No step {asked}: showing the latest, {shown}.",
    # --- the report
    "report.title": "{title}: coordination gaps as of {day}",
    "report.synthetic": "Synthetic data: not real facts.",
    "report.summary": "Summary",
    "report.kind_of_gap": "kind of gap",
    "report.total": "total",
    "report.all_gaps": "all gaps",
    "report.top": "The three most important gaps",
    "report.changed": "What changed.",
    "report.changed.line": (
        "Since {since}: {opened} new gaps, {closed} closed ({then} then, {now} now)."
    ),
    "report.changed.new": "new",
    "report.changed.closed": "closed",
    "report.changed.more": "… and {n} more {word}",
    "report.changed.hint": "To see what changed, run the report with --since DATE.",
    "report.dataset": (
        "Dataset {name}: {total} records ({records}), {verified} verified; {countries} "
        "countries; {sources} sources. {scope}"
    ),
    "report.licences": "Licences: {licences}.",
    "report.licences.none": "not stated",
    "report.scope.verified": (
        "Findings use the {n} verified records only (add --include-unverified for all)."
    ),
    "report.scope.all": "Findings use every record, verified or not.",
    "report.explorer": (
        "Interactive version, year by year (map, focal-point network and findings; opens "
        "offline): {link}, beside this file."
    ),
    "report.explorer.md": "Interactive version, year by year: {link} (opens offline).",
    "report.by_state": "Gaps by State",
    "report.state.gaps": "{name}: {n} gaps",
    "report.state.gap": "{name}: 1 gap",
    "report.no_state": "Not tied to one State",
    "report.severity": "severity",
    "report.finding": "finding",
    "report.sources": "sources",
    "report.nearly": "nearly",
    "report.rule": "rule",
    "report.networks": "Networks",
    "report.network.members": "{name} ({n} members)",
    "report.network.members_incomplete": ("{name} ({n} members recorded; the list is incomplete)"),
    "report.member": "member",
    "report.focal_point": "focal point",
    "report.coordinating_body": "coordinating body",
    "report.plan": "plan of action",
    "report.none_recorded": "none recorded",
    "report.matrix.key": (
        "Links between members for child victims: B bilateral agreement, M multilateral "
        "agreement, F focal-point channel, L local link, LB legal basis only (no "
        "operational channel), · none."
    ),
    "report.network.picture": "{name}: members by focal-point status",
    "report.actions": "Actions that would close the most gaps",
    "report.action.links": "newly links {n}",
    "report.routes": "Routes",
    "report.map": "route map",
    "report.routes_picture": "routes by State of origin",
    "report.sources.heading": "Sources",
    "report.publisher_unknown": "publisher not recorded",
    "report.no_date": "n.d.",
    "report.rules": "Rules behind the findings",
    "report.rules.doc": "(docs/findings.md)",
    "report.linked_apart": (
        "Besides, {n} linked route pair(s) lack a link criterion: listed under their States, "
        "not counted as gaps."
    ),
    "report.differs": "differs by",
    "report.differs.routes": "routes",
    "report.differs.victims": "victims",
    "report.differs.purposes": "purposes",
    "report.elsewhere": "Told under {state}: {names}.",
    "report.low": "{n} gap(s) of low severity ({kinds}): in the full report (--full).",
    "report.quiet": "States with gaps of low severity only: {names}; in the full report (--full).",
    "report.left": "Networks left out, with why: {items}.",
    "report.left.unverified": "{n} members recorded, none verified (add --include-unverified)",
    "report.left.not_on_day": "no member on {day}",
    "report.left.none_of": "no member recorded (the source gives {n})",
    "report.left.none": "no member recorded",
    "report.pictures": "Pictures",
    "report.annex": "Annex",
    "report.annex.states": "Every gap, State by State",
    "report.cited": "Sources cited above",
    "report.linked_short": (
        "Linked, but the link lacks what is listed below (the full report, --full, says by what)."
    ),
    "included.title": "Reference instruments used",
    "included.intro": (
        "Records taken from included datasets; where this dataset has its own record of the "
        "same instrument, its own wins and coordgraph validate lists where the two disagree."
    ),
    "included.id": "id",
    "included.name": "instrument or body",
    "included.states": "States",
    "included.from": "from",
    "included.status": "status",
    "included.parties": "{n} parties",
    "included.members": "{n} members",
    "included.merged": ", merged with this dataset's record",
    "included.status_as_at": "status as at {day}",
    "included.status_none": "status date not given",
    "expected.head": "expected",
    "expected.status": "status",
    "expected.record": "record",
    "expected.present": "present",
    "expected.requirement_not_recorded": "present; not recorded:",
    "expected.incomplete": "present; lacks",
    "expected.not_working": "not working",
    "expected.recorded_absent": "recorded absent",
    "expected.not_recorded": "not recorded (data gap)",
    "pairs.heading": "Pairs of States on routes ({n}), largest volume first",
    "pairs.status.unlinked": "not linked",
    "pairs.status.unresolved": "an end not identified",
    "pairs.status.linked": "linked",
    "pairs.status.none": "local officials only",
    "pairs.routes.one": "{n} route",
    "pairs.routes.many": "{n} routes",
    "pairs.cases.one": "{n} case recorded",
    "pairs.cases.many": "{n} cases recorded",
    "pairs.facts": "{status}: {facts}",
    "pairs.missing_first": "missing first: {criterion}",
    "pairs.nearly": "nearest miss: {miss}",
    "pairs.rests_on": "rests on: {records}; sources: {sources}",
    "pairs.detail": "one row per pair of States; --detail lists every finding",
    "report.made": "Made by coordgraph on {made} from the dataset {name}, as of {day}.",
}

#: Phrases of finding messages: each English template is matched in a message and
#: replaced by its translation, its ``{params}`` carried over. A param named ``day``
#: matches a date, ``n`` a number, ``code`` a country code; any other param matches
#: text (a name as recorded). Longer phrases come first.
PHRASES: dict[str, str] = {
    # first: the structures it names hold phrases of their own ("national referral mechanism ")
    "struct.no_working_any": " has no working {structures}: ",
    # route pairs (analyses/routes.py, analyses/links/)
    "route.routes_unlinked": "({n} routes) has no link as of {day}",
    "route.route_unlinked": "({n} route) has no link as of {day}",
    "route.linked": " is linked as of {day} by ",
    "route.observed": "(observed {period})",
    "route.unresolved_origin": (
        ": the origin ({place}) is not identified, so no link can be checked"
    ),
    "route.unresolved_other": (
        ": the other end ({place}) is not identified, so no link can be checked"
    ),
    "route.nearest": "nearest: ",
    "route.none_recorded": "no agreement or channel between them is recorded, and ",
    "route.none_recorded_internal": "no referral mechanism or local link is recorded, and ",
    "route.not_claimed_agreements": "this dataset does not claim to list all of their agreements",
    "route.not_claimed_referral": (
        "this dataset does not claim to list all of its referral mechanisms"
    ),
    "route.claimed_agreements": " says the dataset lists all of their agreements",
    "route.claimed_referral": " says the dataset lists all of its referral mechanisms",
    "route.stale": (
        "nothing recorded on this route since {day}: re-check whether it is still used "
        "before acting on it"
    ),
    "route.no_local_mechanism": "no working local mechanism recorded in {place}",
    "route.no_referral": "no national referral mechanism recorded for {code}",
    "route.local_both": "local mechanisms at both ends (",
    "route.national_referral": "national referral mechanism ",
    "route.not_yet_signed": ": not yet signed (signed {day})",
    "route.not_party": ": not a party on {day} (",
    "route.whom_not_recorded": "): whom it covers is not recorded",
    "route.covers_no": "): covers no {victims}",
    "route.victims_not_recorded": "): the route's victims are not recorded",
    "route.possibly": "possibly linked by ",
    "route.parties_not_all": (
        "), whose parties are not all recorded ({code} and {code2} are members of "
    ),
    "route.channel_possible": " (a channel whose members are not all recorded: ",
    "route.both_members": "{code} and {code2} are members of ",
    "route.one_recorded": "{code} is recorded; {code2} is a member of ",
    "route.parties_some": "), whose parties are not all recorded (",
    "route.covers_only": " covers only {forms}, not {forms2}",
    "route.covers_but": " covers {forms} but not {forms2}",
    "route.legal_only": (
        ", a legal basis only: no operational agreement, focal-point channel or local link "
        "between them is recorded, and "
    ),
    "route.legal_general": ": a legal basis ({scope}) with no child-specific provision recorded",
    "route.missing": "but missing {criterion} (",
    "route.data_gap": "not recorded (data gap): {criteria}",
    "route.general": ": a general agreement ({scope}) with no child-specific provision recorded",
    "route.no_fp_for": "{code} is in {name} but no focal point is recorded for it",
    "route.not_designating": "{code} is in {name} but recorded as not designating a focal point",
    "route.not_designating_in": "{code} is recorded as not designating one in ",
    "route.fp_channel": "focal points of {a} and {b} in ",
    "route.works_with": " works directly with ",
    "route.not_channel": ": a network for {does}, not a channel for cases",
    # expected structures (analyses/structures.py; structures in data/rules.yaml)
    "struct.none_recorded": ": no {structure} recorded, and ",
    "struct.not_claimed": "this dataset does not claim to list {lists}",
    "struct.expected_by": "; expected by ",
    "struct.no_working": " has no working {structure}: ",
    "struct.claimed": " says the dataset lists {lists}",
    "struct.not_working": " is recorded as not working",
    "struct.re_check": " (last attested {day}; re-check)",
    "struct.has_no": " has no {structure}: ",
    "struct.none_designated": " records that none is designated",
    "struct.has": " has {label} ({astructure})",
    "struct.unsaid": ", but the sources do not say whether it has {requirements}",
    "struct.not_independent": ": no independent rapporteur: ",
    "struct.incomplete": ": {astructure} incomplete: ",
    "struct.without": " is recorded without {requirements}",
    # agreements in time (time_rules.py)
    "time.signed_counted": "signed {day}; entry into force not recorded, counted from signature",
    "time.signed_not_recorded": "signed {day}; entry into force not recorded",
    "time.mou": "MoU signed {day}, effective from signature",
    "time.in_force_since": "in force since {day}",
    "time.in_force_only": "enters into force only in {day}",
    "time.expired": "expired {day}",
    "time.draft_unknown": "a draft on {day}; status unknown since {day2}",
    "time.not_in_force_unknown": "recorded as not in force on {day}; status unknown since {day2}",
    "time.draft_on": "a draft on {day}",
    "time.not_in_force_on": "recorded as not in force on {day}",
    "time.not_yet_drafted": "not yet drafted (a draft on {day})",
    "time.signed": "signed {day}",
    "time.attested": "start date not recorded; attested {day}",
    "time.start_not_recorded": ": start date not recorded",
    "time.undated": "no dates recorded; attested {day}",
    "time.not_before": "no dates recorded; not attested before {day}",
    "time.last_attested": ": last attested {day}",
    "time.dates": "[dates: ",
    "time.scope": "({scope}; ",
    "time.scope_comma": "({scope}, ",
    "time.scope_alone": "({scope})",
    # local officials (analyses/local_officials.py)
    "local.unlinked": (
        ": local officials at the origin and the place of exploitation are not linked "
        "directly or through focal points as of {day} (recommendation 12.2.2): "
    ),
    "local.no_mechanism": "no working local mechanism is recorded at {place}",
    "local.no_common_fp": "no designated focal point at both ends in a common network",
    "local.direct": ": local officials are linked directly (",
    "local.direct_end": ") as of {day}",
    "local.through": (
        ") can reach each other through the focal points of both States in {name} as of {day}"
    ),
    "local.officials": ": local officials (",
    # plans (analyses/plans.py)
    "plan.ran": "(ran {period}) has no evaluation recorded by {day}",
    "plan.since": "(in effect since {day}) has no evaluation recorded by {day2}",
    "plan.no_structure": (
        " is in effect but no structure to coordinate it is recorded: no mechanism is "
        "named for it and {codes} has no national coordinating body recorded on {day}"
    ),
    "plan.idle": " is in effect but its coordinating structure (",
    "plan.idle_end": ") is not working on {day}",
    # overlaps (analyses/duplicates.py)
    "dup.pair": "{label} and {label2} (",
    "dup.overlap": ") overlap on {tags}",
    "dup.national_coordination": "(national coordination in ",
    "dup.national_referral": "(national referral in ",
    "dup.national_monitoring": "(national monitoring in ",
    "dup.local_coordination": "(local coordination in ",
    "dup.local_referral": "(local referral in ",
    "dup.international_coordination": "(international coordination)",
    "dup.international_monitoring": "(international monitoring)",
    "dup.led_by": "led by ",
    "dup.versus": " vs ",
    "dup.no_link": "no coordination or parent link recorded between them",
    "dup.joined_by": "joined by ",
    "dup.share": " and share {n} members (",
    "dup.still_works": ": nothing recorded since {day}: re-check whether it still works",
    "dup.nothing_since": ": nothing recorded since {day}",
    "dup.plans_in": "plans in effect in ",
    # focal points (analyses/focal_points.py)
    "fp.recorded_of": ": {n} member State(s) recorded of {m} the source gives",
    "fp.recorded": ": {n} member State(s) recorded",
    "fp.unrecorded": "focal points of unrecorded members cannot be checked",
    "fp.member_of": " is a member of {name}, which expects focal points, but ",
    "fp.none_now": (
        "has no focal point recorded on this date; one is recorded from {day} (a data gap, "
        "not necessarily a policy gap)"
    ),
    "fp.points_to_nothing": " points to nothing: ",
    "fp.focal_point": "Focal point ",
    "fp.not_member": "{code} is not a member of {name} on this date",
    "fp.ended": " has ended",
    "fp.agency_gone": " no longer exists",
}
