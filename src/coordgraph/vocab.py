"""Controlled vocabularies: node kinds, relationship types and the enumerations of the schema.

Node kinds and relation names are the Neo4j labels and relationship types too, so the
in-memory graph and the database graph use one set of names.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "EXCLUDABLE",
    "AgencyKind",
    "AgreementForm",
    "AgreementKind",
    "AgreementProvision",
    "AgreementPurpose",
    "AgreementScope",
    "AgreementStatus",
    "AreaKind",
    "BodyFunction",
    "ConsentForm",
    "CoverageOf",
    "ExploitationForm",
    "FocalPointStatus",
    "Level",
    "MechanismStatus",
    "MechanismType",
    "Mode",
    "NetworkKind",
    "NodeKind",
    "Purpose",
    "Relation",
    "StopRole",
    "Verification",
    "Victim",
]


class NodeKind(StrEnum):
    SOURCE = "Source"
    COUNTRY = "Country"
    AREA = "Area"
    AGENCY = "Agency"
    MECHANISM = "Mechanism"
    ACTION_PLAN = "ActionPlan"
    NETWORK = "Network"
    AGREEMENT = "Agreement"
    FOCAL_POINT = "FocalPoint"
    ROUTE = "Route"
    UNKNOWN_PLACE = "UnknownPlace"
    #: what the dataset claims to list completely (the basis of a finding from absence)
    COVERAGE = "Coverage"


class Relation(StrEnum):
    PARTY_TO = "PARTY_TO"
    MEMBER_OF = "MEMBER_OF"
    DESIGNATES = "DESIGNATES"
    SERVES = "SERVES"
    HELD_BY = "HELD_BY"
    LEADS = "LEADS"
    PART_OF = "PART_OF"
    LOCATED_IN = "LOCATED_IN"
    OPERATES_IN = "OPERATES_IN"
    COORDINATES_WITH = "COORDINATES_WITH"
    ADOPTED_BY = "ADOPTED_BY"
    IMPLEMENTED_BY = "IMPLEMENTED_BY"
    ROUTE_STOP = "ROUTE_STOP"
    ROUTE_LEG = "ROUTE_LEG"
    #: two places routes go between (a route's endpoints or one of its legs): one edge
    #: per pair of places and recorded victims, with how many routes use it
    ROUTE_PAIR = "ROUTE_PAIR"
    CITES = "CITES"
    AMENDS = "AMENDS"
    REPLACES = "REPLACES"
    #: a body that answers to another (a working group to its steering group), or an
    #: agency that passes reports on (a platform to a hotline, a hotline to the police)
    REPORTS_TO = "REPORTS_TO"
    #: a body that supervises or evaluates another (an oversight committee)
    OVERSEES = "OVERSEES"
    #: a coverage statement and the States or network whose records it claims in full
    COVERS = "COVERS"
    #: an agency or body connected to a database or network (national police to
    #: INTERPOL's ICSE database), with the dates of the connection
    CONNECTED_TO = "CONNECTED_TO"
    #: a national body and the local mechanisms it reaches
    REACHES = "REACHES"


class Verification(StrEnum):
    VERIFIED = "verified"
    UNVERIFIED = "unverified"
    DISPUTED = "disputed"


class AreaKind(StrEnum):
    PROVINCE = "province"
    DISTRICT = "district"
    CITY = "city"
    BORDER_AREA = "border_area"
    REGION = "region"
    SITE = "site"
    OTHER = "other"


class AgencyKind(StrEnum):
    MINISTRY = "ministry"
    GOVERNMENT_AGENCY = "government_agency"
    LAW_ENFORCEMENT = "law_enforcement"
    JUDICIARY = "judiciary"
    NHRI = "nhri"
    NGO = "ngo"
    IGO = "igo"
    HOTLINE = "hotline"
    OFFICE = "office"
    #: a company or online platform (an internet service provider, a social network)
    COMPANY = "company"
    OTHER = "other"


class MechanismType(StrEnum):
    COORDINATING_BODY = "coordinating_body"
    TASK_FORCE = "task_force"
    REFERRAL_MECHANISM = "referral_mechanism"
    RAPPORTEUR = "rapporteur"
    MULTIDISCIPLINARY_TEAM = "multidisciplinary_team"
    LOCAL_COMMITTEE = "local_committee"
    HOTLINE = "hotline"
    SPECIALISED_UNIT = "specialised_unit"
    MONITORING_BODY = "monitoring_body"
    INTER_AGENCY_GROUP = "inter_agency_group"
    OTHER = "other"


class Level(StrEnum):
    LOCAL = "local"
    SUBNATIONAL = "subnational"
    NATIONAL = "national"
    REGIONAL = "regional"
    INTERNATIONAL = "international"


class MechanismStatus(StrEnum):
    ACTIVE = "active"
    NOT_FUNCTIONING = "not_functioning"
    PLANNED = "planned"
    MODEL = "model"
    DISSOLVED = "dissolved"
    UNKNOWN = "unknown"


class NetworkKind(StrEnum):
    INTERGOVERNMENTAL = "intergovernmental"
    REGIONAL_PROCESS = "regional_process"
    CONTACT_POINT_NETWORK = "contact_point_network"
    UN_INTERAGENCY = "un_interagency"
    NGO_COALITION = "ngo_coalition"
    PROGRAMME = "programme"
    #: a database law-enforcement agencies connect to (INTERPOL's ICSE database)
    LAW_ENFORCEMENT_DATABASE = "law_enforcement_database"
    #: a network of reporting hotlines
    HOTLINE_NETWORK = "hotline_network"
    OTHER = "other"


class BodyFunction(StrEnum):
    """What a mechanism, network or agreement does: one vocabulary for all three.

    Which functions are operational (carry cases between States), each one's words and
    the default per type are data in ``data/rules.yaml``; a record's ``function`` field
    overrides the default of its type.
    """

    COORDINATION = "coordination"
    REFERRAL = "referral"
    MONITORING = "monitoring"
    POLICY_FORUM = "policy_forum"
    PROJECT = "project"
    LAW_ENFORCEMENT_DATABASE = "law_enforcement_database"
    HOTLINE_NETWORK = "hotline_network"
    LEGAL_BASIS = "legal_basis"


class CoverageOf(StrEnum):
    """The kind of record a coverage statement claims to list completely."""

    AGREEMENTS = "agreements"
    FOCAL_POINTS = "focal_points"
    MECHANISMS = "mechanisms"
    ACTION_PLANS = "action_plans"


class AgreementKind(StrEnum):
    BILATERAL = "bilateral"
    MULTILATERAL = "multilateral"


class AgreementForm(StrEnum):
    """Whether the instrument takes effect on entry into force or on signature."""

    TREATY = "treaty"
    MOU = "mou"
    UNKNOWN = "unknown"


class AgreementScope(StrEnum):
    CHILDREN = "children"
    WOMEN_AND_CHILDREN = "women_and_children"
    ALL_PERSONS = "all_persons"
    #: The source does not say whom it covers.
    UNKNOWN = "unknown"


class AgreementStatus(StrEnum):
    """Whether the text was adopted (signed or in force) or is only a draft."""

    ADOPTED = "adopted"
    DRAFT = "draft"


class AgreementPurpose(StrEnum):
    REPATRIATION = "repatriation"
    LAW_ENFORCEMENT = "law_enforcement"
    BORDER_COOPERATION = "border_cooperation"
    VICTIM_ASSISTANCE = "victim_assistance"
    INFORMATION_EXCHANGE = "information_exchange"
    PREVENTION = "prevention"
    OTHER = "other"


class AgreementProvision(StrEnum):
    """What an agreement provides for, named as a planner would.

    ``guardianship``, ``individual_case_assessment``, ``family_tracing`` and
    ``separated_children`` are provisions specific to children (thematic paper, 001:
    2241-2253); the others apply to any trafficked person.
    """

    GUARDIANSHIP = "guardianship"
    INDIVIDUAL_CASE_ASSESSMENT = "individual_case_assessment"
    FAMILY_TRACING = "family_tracing"
    SEPARATED_CHILDREN = "separated_children"
    RETURN_PROCEDURE = "return_procedure"
    VICTIM_ASSISTANCE = "victim_assistance"
    INFORMATION_EXCHANGE = "information_exchange"
    JOINT_INVESTIGATION = "joint_investigation"
    FOCAL_POINTS = "focal_points"
    JOINT_COMMISSION = "joint_commission"
    OTHER = "other"


class ConsentForm(StrEnum):
    """How a State consented to be bound, as a depositary's status table marks it.

    Ratification, acceptance (``A``) and approval (``AA``) follow a signature and are
    recorded as ``ratified``; accession (``a``) as ``acceded`` and succession (``d``) as
    ``succeeded``; a definitive signature (``s``, signature without reservation as to
    ratification) binds from the signature and is recorded as ``ratified``.
    """

    RATIFICATION = "ratification"
    ACCEPTANCE = "acceptance"
    APPROVAL = "approval"
    ACCESSION = "accession"
    SUCCESSION = "succession"
    DEFINITIVE_SIGNATURE = "definitive_signature"


class FocalPointStatus(StrEnum):
    DESIGNATED = "designated"
    NOT_DESIGNATED = "not_designated"


class Victim(StrEnum):
    GIRLS = "girls"
    BOYS = "boys"
    CHILDREN = "children"
    WOMEN = "women"
    MEN = "men"
    ADULTS = "adults"


class Purpose(StrEnum):
    # What a route's victims are trafficked for (``unknown``: the source does not say).
    # ExploitationForm below is made from it.
    SEXUAL_EXPLOITATION = "sexual_exploitation"
    ONLINE_SEXUAL_EXPLOITATION = "online_sexual_exploitation"
    LABOUR = "labour"
    DOMESTIC_SERVITUDE = "domestic_servitude"
    BEGGING = "begging"
    MARRIAGE = "marriage"
    ADOPTION = "adoption"
    CRIMINAL_ACTIVITY = "criminal_activity"
    OTHER = "other"
    UNKNOWN = "unknown"


#: Forms of exploitation an agreement covers: ``all``, then every route purpose but
#: ``unknown`` (made from :class:`Purpose`, so a new purpose is a form an agreement can
#: name). A field left out means the source does not say (unknown), never "all".
ALL_EXPLOITATION = "all"
ExploitationForm = StrEnum(  # type: ignore[misc]  # members made from Purpose
    "ExploitationForm",
    [("ALL", ALL_EXPLOITATION), *((p.name, p.value) for p in Purpose if p is not Purpose.UNKNOWN)],
    module=__name__,
)
ExploitationForm.__doc__ = (
    "Forms of exploitation an agreement covers: the route purposes, plus ``all``.\n\n"
    'A field left out means the source does not say (unknown), never "all".'
)


#: What a party's reservation may exclude: a form of exploitation, or a provision
#: (``all`` and ``other`` say nothing a rule could use).
EXCLUDABLE: frozenset[str] = frozenset(
    {f.value for f in ExploitationForm if f.value not in {"all", "other"}}
    | {p.value for p in AgreementProvision if p.value != "other"}
)


class Mode(StrEnum):
    PHYSICAL = "physical"
    ONLINE = "online"
    MIXED = "mixed"


class StopRole(StrEnum):
    ORIGIN = "origin"
    TRANSIT = "transit"
    DESTINATION = "destination"
