"""The workbook template in French (``coordgraph init FILE.xlsx --lang fr``): each text
the template writes in English (README, the dataset sheet, a comment on every column,
the drop-down lists' messages), keyed by that English text, the source. Column names,
sheet names and the values of vocabularies stay as they are: they are what the reader
reads. ``{params}`` are carried over as written (:func:`coordgraph.text.i18n.workbook_text`).
"""

from __future__ import annotations

__all__ = ["WORKBOOK"]

WORKBOOK: dict[str, str] = {
    # --- texts built around names or values (longest first where one holds another)
    "Fill in the sheets, save, then check the workbook:   coordgraph validate {file}   "
    "(every problem at once, as {file2}:sheet!C5: message)": (
        "Remplissez les feuilles, enregistrez, puis vérifiez le classeur :   coordgraph "
        "validate {file}   (tous les problèmes en une fois, sous la forme "
        "{file2}:feuille!C5 : message)"
    ),
    "Check the workbook:   coordgraph validate {file}   (every problem at once, as "
    "{file2}:sheet!C5: message)": (
        "Vérifiez le classeur :   coordgraph validate {file}   (tous les problèmes en une "
        "fois, sous la forme {file2}:feuille!C5 : message)"
    ),
    "One row per {field} of a record in {section}, with its dates ({parent} is that "
    "record's id). With no dates to give, a {field2} column added to {section2} may hold "
    "ALB|GRC instead.": (
        "Une ligne par élément {field} d'un enregistrement de {section}, avec ses dates "
        "({parent} est l'id de cet enregistrement). Sans dates à indiquer, une colonne "
        "{field2} ajoutée à {section2} peut contenir ALB|GRC à la place."
    ),
    "Scope tags (several separated by |; the drop-down offers one, type more): {any}": (
        "Étiquettes de champ (plusieurs séparées par | ; la liste en propose une, tapez les "
        "autres) : {any}"
    ),
    "Not in the list (a scope tag; several separated by |); kept as typed.": (
        "Absent de la liste (une étiquette de champ ; plusieurs séparées par |) ; gardé tel "
        "que saisi."
    ),
    "Not in the list (an id from the {sheet} sheet); kept as typed.": (
        "Absent de la liste (un id de la feuille {sheet}) ; gardé tel que saisi."
    ),
    "Not in the list ({any}); kept as typed.": (
        "Absent de la liste ({any}) ; gardé tel que saisi."
    ),
    "The id of a record in the {sheet} sheet this row belongs to.": (
        "L'id de l'enregistrement de la feuille {sheet} auquel cette ligne se rattache."
    ),
    "The id of a record in the {sheet} sheets; several separated by |.": (
        "L'id d'un enregistrement de la feuille {sheet} ; plusieurs séparés par |."
    ),
    "The id of a record in the {sheet} sheet.": ("L'id d'un enregistrement de la feuille {sheet}."),
    "Values (several separated by |): {any}": "Valeurs (plusieurs séparées par |) : {any}",
    "Use one of: true or false.": "Utilisez true ou false.",
    "Use one of: {any}.": "Utilisez une valeur parmi : {any}.",
    "One of: {any}": "Une valeur parmi : {any}",
    "true or false (default {value}).": "true ou false (par défaut {value}).",
    "Default: {value}.": "Par défaut : {value}.",
    "coordgraph dataset: {any}": "jeu de données coordgraph : {any}",
    "{column} (required)": "{column} (obligatoire)",
    # --- README
    "Each sheet is one kind of record; each row one record; row 1 names the columns. Point "
    "at a column name to read what it holds.": (
        "Chaque feuille est un type d'enregistrement ; chaque ligne un enregistrement ; la "
        "ligne 1 nomme les colonnes (gardez ces noms tels quels). Pointez un nom de colonne "
        "pour lire ce qu'elle contient."
    ),
    "Several values in one cell are separated by | (ALB|GRC). Dates are 2006, 2006-02 or "
    "2006-02-14: type them as text, or as Excel dates (a date cell keeps the precision its "
    "format shows: Feb-06 is 2006-02).": (
        "Plusieurs valeurs dans une cellule sont séparées par | (ALB|GRC). Les dates s'écrivent "
        "2006, 2006-02 ou 2006-02-14 : tapez-les comme texte, ou comme dates Excel (une "
        "cellule de date garde la précision qu'affiche son format : févr.-06 vaut 2006-02)."
    ),
    "Countries: ISO alpha-3 (ALB), alpha-2 (AL) or the English name. Every record cites "
    "its sources: an id from the sources sheet, optionally :page or lines.": (
        "Pays : code ISO alpha-3 (ALB), alpha-2 (AL) ou nom anglais (un nom français est "
        "suggéré). Chaque enregistrement cite ses sources : un id de la feuille sources, "
        "éventuellement suivi de :page ou de lignes."
    ),
    "Formulas are not read (type or paste values). Sheets whose name starts with _ are "
    "ignored: use one for your notes. Do not merge cells.": (
        "Les formules ne sont pas lues (tapez ou collez des valeurs). Les feuilles dont le nom "
        "commence par _ sont ignorées : utilisez-en une pour vos notes. Ne fusionnez pas de "
        "cellules."
    ),
    "sheet": "feuille",
    "what it holds": "ce qu'elle contient",
    "required columns": "colonnes obligatoires",
    "The dataset's name, title, description and licence.": (
        "Le nom, le titre, la description et la licence du jeu de données."
    ),
    # --- the dataset sheet
    "what it is": "ce que c'est",
    "Short id of the dataset (letters, digits, - or _)": (
        "Identifiant court du jeu de données (lettres, chiffres, - ou _)"
    ),
    "Title shown in summaries and reports": "Titre affiché dans les synthèses et les rapports",
    "What the dataset covers": "Ce que couvre le jeu de données",
    "Licence of the data, e.g. CC-BY-4.0": "Licence des données, par exemple CC-BY-4.0",
    "true for generated, not real, data": "true pour des données générées, non réelles",
    "Where the dataset is published": "Où le jeu de données est publié",
    "The date the dataset speaks for (YYYY, YYYY-MM or YYYY-MM-DD); commands default to it": (
        "La date à laquelle le jeu de données se rapporte (AAAA, AAAA-MM ou AAAA-MM-JJ) ; les "
        "commandes la prennent par défaut"
    ),
    "Datasets taken in, e.g. reference (or reference: cets-197 | ecowas)": (
        "Jeux de données repris, par exemple reference (ou reference: cets-197 | ecowas)"
    ),
    # --- what each kind of record is (model DESCRIPTION)
    "A document that records cite.": "Un document que citent les enregistrements.",
    "Optional details on a State or territory. Countries referenced anywhere exist without "
    "a record; records here add names or notes.": (
        "Précisions facultatives sur un État ou un territoire. Un pays cité ailleurs existe "
        "sans enregistrement ; une ligne ici ajoute un nom ou des notes."
    ),
    "A place below the State: province, district, city, border area.": (
        "Un lieu en dessous de l'État : province, district, ville, zone frontalière."
    ),
    "A ministry, police unit, NGO, IGO, hotline operator or company. reports_to names where "
    "it sends reports (a platform to a hotline, a hotline to the police); connected_to the "
    "databases or networks it is connected to (INTERPOL's ICSE database); each with its "
    "dates.": (
        "Un ministère, une unité de police, une ONG, une OIG, un opérateur de ligne de "
        "signalement ou une entreprise. reports_to nomme à qui il adresse ses signalements "
        "(une plateforme à une ligne de signalement, une ligne à la police) ; connected_to "
        "les bases de données ou réseaux auxquels il est connecté (la base ICSE d'INTERPOL) ; "
        "chacun avec ses dates."
    ),
    "A regional body or process (COMMIT, RCM, ECOWAS, a contact-point network) or an "
    "inter-agency group. members are States, agencies are member organisations.": (
        "Un organisme ou processus régional (COMMIT, CRM, CEDEAO, un réseau de points de "
        "contact) ou un groupe inter-institutions. members sont des États, agencies des "
        "organisations membres."
    ),
    "A bilateral or multilateral agreement or MoU. It links its parties from entry into "
    "force when that is recorded; an MoU, or an agreement whose entry into force is not "
    "recorded, from signature (the finding says which); not while it is a draft or "
    "recorded as not in force, and after such a date its status is unknown.": (
        "Un accord bilatéral ou multilatéral, ou un protocole d'accord. Il lie ses parties à "
        "partir de son entrée en vigueur quand elle est enregistrée ; un protocole d'accord, "
        "ou un accord dont l'entrée en vigueur n'est pas enregistrée, à partir de la "
        "signature (le constat le précise) ; pas tant qu'il est un projet ou enregistré comme "
        "non en vigueur, et après une telle date son statut est inconnu."
    ),
    "A coordinating body, task force, referral mechanism, rapporteur, local team or hotline "
    "hub. valid_from is when it was established; replaces names the bodies it took over "
    "from (each ends when this one starts, unless its own end is recorded).": (
        "Un organe de coordination, un groupe de travail, un mécanisme d'orientation, un "
        "rapporteur, une équipe locale ou un centre de lignes de signalement. valid_from est "
        "sa date de création ; replaces nomme les organes qu'il a remplacés (chacun prend fin "
        "quand celui-ci commence, sauf si sa propre fin est enregistrée)."
    ),
    "A national, sub-national (area, level) or regional plan of action, or one shared by "
    "two or more States (shared_with). valid_from/valid_to are the years it covers; adopted "
    "is when it was adopted; evaluated when it was evaluated; mechanism the structure that "
    "coordinates it.": (
        "Un plan d'action national, infranational (area, level) ou régional, ou commun à "
        "plusieurs États (shared_with). valid_from/valid_to sont les années qu'il couvre ; "
        "adopted sa date d'adoption ; evaluated sa date d'évaluation ; mechanism la structure "
        "qui le coordonne."
    ),
    "A State's designation of an agency or office as its contact for a network or "
    "agreement. status not_designated records that the source says none was named; "
    "replaces names the designations it took over from (each ends when this one starts, "
    "unless its own end is recorded).": (
        "La désignation par un État d'une institution ou d'un service comme point focal pour "
        "un réseau ou un accord. status not_designated enregistre que la source dit qu'aucun "
        "n'a été nommé ; replaces nomme les désignations qu'elle remplace (chacune prend fin "
        "quand celle-ci commence, sauf si sa propre fin est enregistrée)."
    ),
    "A statement that the dataset lists every record of one kind for some States or a "
    "network over a period (valid_from/valid_to), with the source that says so. Only such "
    "a statement, or a record that states an absence, turns 'not recorded' into 'none'.": (
        "Une déclaration selon laquelle le jeu de données recense tous les enregistrements "
        "d'un type pour certains États ou un réseau sur une période (valid_from/valid_to), "
        "avec la source qui l'affirme. Seule une telle déclaration, ou un enregistrement qui "
        "constate une absence, fait de « non enregistré » un « aucun »."
    ),
    "A trafficking route: origin, ordered transits, destination. A place is a country, an "
    "area or 'unknown'. valid_from/valid_to give the period it was documented.": (
        "Un itinéraire de traite : origine, transits dans l'ordre, destination. Un lieu est "
        "un pays, une zone ou 'unknown'. valid_from/valid_to donnent la période où il a été "
        "documenté."
    ),
    # --- what each column holds (field descriptions)
    "Stable identifier, unique within its kind.": "Identifiant stable, unique dans son type.",
    "Name a person would recognise.": "Nom qu'une personne reconnaîtrait.",
    "Citations: source id, optionally ':locator' (page, lines).": (
        "Citations : id de source, éventuellement ':repère' (page, lignes)."
    ),
    "Ids from the sources sheet, each optionally ':page or lines'; several separated by |.": (
        "Des id de la feuille sources, chacun éventuellement suivi de ':page ou lignes' ; "
        "plusieurs séparés par |."
    ),
    "Start (YYYY[-MM[-DD]]).": "Début (AAAA[-MM[-JJ]]).",
    "End (YYYY[-MM[-DD]]).": "Fin (AAAA[-MM[-JJ]]).",
    "A date: 2006, 2006-02 or 2006-02-14 (a date cell keeps what it shows).": (
        "Une date : 2006, 2006-02 ou 2006-02-14 (une cellule de date garde ce qu'elle affiche)."
    ),
    "verified (read in the cited source), unverified or disputed.": (
        "verified (lu dans la source citée), unverified (non vérifié) ou disputed (contesté)."
    ),
    "For an undated document: the earliest date it can have been written (e.g. the date of "
    "the newest document it cites).": (
        "Pour un document non daté : la date la plus ancienne à laquelle il a pu être écrit "
        "(par exemple la date du document le plus récent qu'il cite)."
    ),
    "Section, page or file of the whole.": "Section, page ou fichier de l'ensemble.",
    "True for generated, not real, data.": "True pour des données générées, non réelles.",
    "ISO 3166-1 alpha-3 code; alpha-2 codes and English names are accepted.": (
        "Code ISO 3166-1 alpha-3 ; les codes alpha-2 et les noms anglais sont acceptés."
    ),
    "A country: ISO alpha-3 (ALB), alpha-2 or English name.": (
        "Un pays : code ISO alpha-3 (ALB), alpha-2 ou nom anglais."
    ),
    "A country: ISO alpha-3 (ALB), alpha-2 or English name; several separated by |.": (
        "Un pays : code ISO alpha-3 (ALB), alpha-2 ou nom anglais ; plusieurs séparés par |."
    ),
    "province, district, city, border_area, region, site or other.": (
        "province, district, city (ville), border_area (zone frontalière), region, site ou "
        "other (autre)."
    ),
    "ministry, law_enforcement, ngo, igo, hotline, company, .": (
        "ministry, law_enforcement, ngo, igo, hotline, company, etc."
    ),
    "The agency, mechanism or network at the other end.": (
        "L'institution, le mécanisme ou le réseau à l'autre bout."
    ),
    "intergovernmental, regional_process, contact_point_network, .": (
        "intergovernmental, regional_process, contact_point_network, etc."
    ),
    "False when the source names only some members (e.g. 'six States').": (
        "False quand la source ne nomme qu'une partie des membres (par exemple « six États »)."
    ),
    "How many States the source says are members.": (
        "Combien d'États sont membres selon la source."
    ),
    "A whole number.": "Un nombre entier.",
    "Members are expected to designate a focal point.": (
        "Les membres sont censés désigner un point focal."
    ),
    "Coordinates action (checked for duplication).": (
        "Coordonne l'action (vérifié pour les doublons)."
    ),
    "What it does, when not its type's default (data/rules.yaml).": (
        "Ce qu'il fait, quand ce n'est pas le rôle par défaut de son type (data/rules.yaml)."
    ),
    "The id of the same network in an included dataset (e.g. the reference layer), when "
    "this dataset names it differently: the two are merged under this id.": (
        "L'id du même réseau dans un jeu de données inclus (par exemple la couche de "
        "référence), quand ce jeu de données le nomme autrement : les deux sont fusionnés sous "
        "cet id."
    ),
    "Expectation profiles that apply to its members (data/rules.yaml: profiles), each "
    "optionally 'from YYYY-MM-DD'.": (
        "Les profils d'attentes qui s'appliquent à ses membres (data/rules.yaml : profiles), "
        "chacun éventuellement suivi de 'from AAAA-MM-JJ'."
    ),
    "Several values separated by |.": "Plusieurs valeurs séparées par |.",
    "Several may be given, separated by |.": "Plusieurs possibles, séparées par |.",
    "bilateral or multilateral.": "bilateral (bilatéral) ou multilateral (multilatéral).",
    "False when the source does not list every party.": (
        "False quand la source ne donne pas toutes les parties."
    ),
    "Entry into force.": "Entrée en vigueur.",
    "A date on which the source says it was not in force (an observation on that date: "
    "afterwards its status is unknown until a later date is recorded).": (
        "Une date à laquelle la source dit qu'il n'était pas en vigueur (une observation à "
        "cette date : ensuite son statut est inconnu jusqu'à ce qu'une date ultérieure soit "
        "enregistrée)."
    ),
    "adopted, or draft (not adopted).": "adopted (adopté) ou draft (projet, non adopté).",
    "Date of the draft.": "Date du projet.",
    "Agreements this one amends (they stay in effect).": (
        "Les accords que celui-ci modifie (ils restent en vigueur)."
    ),
    "Agreements this one replaces (they end when it starts).": (
        "Les accords que celui-ci remplace (ils prennent fin quand il commence)."
    ),
    "Whom it covers: children, women_and_children, all_persons or unknown.": (
        "Qui il couvre : children (enfants), women_and_children (femmes et enfants), "
        "all_persons (toutes personnes) ou unknown (inconnu)."
    ),
    "Forms of exploitation it covers (the route purposes, or 'all'); leave out when the "
    "source does not say.": (
        "Les formes d'exploitation qu'il couvre (les finalités des itinéraires, ou 'all') ; "
        "laissez vide quand la source ne le dit pas."
    ),
    "What it provides for: guardianship, individual_case_assessment, family_tracing, "
    "separated_children, return_procedure, victim_assistance, information_exchange, "
    "joint_investigation, focal_points, joint_commission; leave out when the source does "
    "not say.": (
        "Ce qu'il prévoit : guardianship, individual_case_assessment, family_tracing, "
        "separated_children, return_procedure, victim_assistance, information_exchange, "
        "joint_investigation, focal_points, joint_commission ; laissez vide quand la source "
        "ne le dit pas."
    ),
    "Dates of the recorded meetings of its joint commission or follow-up body (cite the "
    "source that records them); when none falls within the staleness horizon before the "
    "date asked, a link through it is possibly dormant.": (
        "Dates des réunions enregistrées de sa commission mixte ou de son organe de suivi "
        "(citez la source qui les enregistre) ; quand aucune ne tombe dans l'horizon de "
        "fraîcheur avant la date demandée, un lien qui passe par lui est peut-être en sommeil."
    ),
    "Expectation profiles for every State it names, e.g. {any}": (
        "Profils d'attentes pour chaque État qu'il nomme, par exemple {any}"
    ),
    "False when the source does not list every party (the default for a multilateral "
    "agreement with no party listed).": (
        "False quand la source ne donne pas toutes les parties (la valeur par défaut pour un "
        "accord multilatéral sans partie indiquée)."
    ),
    "The short name findings use for it (CETS 197, the Palermo protocol).": (
        "Le nom court que les constats lui donnent (par exemple CETS 197)."
    ),
    "Databases or networks it is connected to (a network's id), with dates.": (
        "Les bases de données ou réseaux auxquels il est connecté (l'id d'un réseau), avec "
        "les dates."
    ),
    "Where it sends reports (agencies or mechanisms), with dates.": (
        "À qui il adresse ses signalements (institutions ou mécanismes), avec les dates."
    ),
    "Parties are expected to designate a focal point.": (
        "Les parties sont censées désigner un point focal."
    ),
    "What it does, when not the default (data/rules.yaml): e.g. legal_basis for a universal "
    "instrument with no operational channel of its own.": (
        "Ce qu'il fait, quand ce n'est pas le rôle par défaut (data/rules.yaml) : par exemple "
        "legal_basis pour un instrument universel sans canal opérationnel propre."
    ),
    "The id of the same instrument in an included dataset (e.g. the reference layer), when "
    "this dataset names it differently: the two are merged under this id.": (
        "L'id du même instrument dans un jeu de données inclus (par exemple la couche de "
        "référence), quand ce jeu de données le nomme autrement : les deux sont fusionnés sous "
        "cet id."
    ),
    "Ratification, acceptance or approval (or a definitive signature).": (
        "Ratification, acceptation ou approbation (ou signature définitive)."
    ),
    "Accession (instead of ratifying).": "Adhésion (au lieu d'une ratification).",
    "Succession: a new State's notice that it is bound as its predecessor was.": (
        "Succession : la notification d'un nouvel État qu'il est lié comme l'était son "
        "prédécesseur."
    ),
    "Withdrawal takes effect.": "Prise d'effet du retrait.",
    "How it consented, as the depositary marks it: ratification, acceptance, approval, "
    "accession, succession or definitive_signature.": (
        "Comment il a consenti, tel que l'indique le dépositaire : ratification, acceptance, "
        "approval, accession, succession ou definitive_signature."
    ),
    "Its reservations, as the depositary gives them.": (
        "Ses réserves, telles que les donne le dépositaire."
    ),
    "Its declarations, as the depositary gives them.": (
        "Ses déclarations, telles que les donne le dépositaire."
    ),
    "Where its reservations and declarations are read.": ("Où lire ses réserves et déclarations."),
    "Forms of exploitation or provisions its reservations exclude for it (e.g. labour, "
    "return_procedure); a reservation to the dispute clause excludes nothing.": (
        "Les formes d'exploitation ou dispositions que ses réserves excluent pour lui (par "
        "exemple labour, return_procedure) ; une réserve à la clause de règlement des "
        "différends n'exclut rien."
    ),
    "Issue-scope tags.": "Étiquettes de champ thématique.",
    "Mechanisms this one replaced (they end when it starts).": (
        "Les mécanismes que celui-ci a remplacés (ils prennent fin quand il commence)."
    ),
    "When the status was observed (e.g. a review's date).": (
        "Quand le statut a été observé (par exemple la date d'un examen)."
    ),
    "Bodies it answers to (a working group to its steering group).": (
        "Les organes dont il relève (un groupe de travail envers son comité de pilotage)."
    ),
    "Bodies it supervises or evaluates (an oversight committee).": (
        "Les organes qu'il supervise ou évalue (un comité de surveillance)."
    ),
    "For a rapporteur or monitoring body: independent of the bodies it monitors (false: it "
    "is the coordinating body, or answers to it); leave out when the source does not say.": (
        "Pour un rapporteur ou un organe de suivi : indépendant des organes qu'il suit "
        "(false : il est l'organe de coordination, ou en relève) ; laissez vide quand la "
        "source ne le dit pas."
    ),
    "Has a procedure specific to children (referral, identification, guardianship); leave "
    "out when the source does not say.": (
        "A une procédure propre aux enfants (orientation, identification, tutelle) ; laissez "
        "vide quand la source ne le dit pas."
    ),
    "Works with the national child-protection structure (a coordinating body); leave out "
    "when the source does not say.": (
        "Travaille avec le dispositif national de protection de l'enfance (un organe de "
        "coordination) ; laissez vide quand la source ne le dit pas."
    ),
    "When it was last evaluated or reviewed.": "Quand il a été évalué ou examiné en dernier.",
    "Local mechanisms a national body reaches (works through).": (
        "Les mécanismes locaux qu'un organe national atteint (par lesquels il agit)."
    ),
    "Other States that adopted the same plan.": "Les autres États qui ont adopté le même plan.",
    "The area of a sub-national plan.": "La zone d'un plan infranational.",
    "national, subnational, local or regional.": (
        "national, subnational (infranational), local ou regional (régional)."
    ),
    "Has a budget to finance it (false: none); leave out when not stated.": (
        "A un budget pour le financer (false : aucun) ; laissez vide quand ce n'est pas dit."
    ),
    "Sets a timetable for its objectives (false: none); leave out when not stated.": (
        "Fixe un calendrier pour ses objectifs (false : aucun) ; laissez vide quand ce n'est "
        "pas dit."
    ),
    "Designations this one took over from (they end when it starts).": (
        "Les désignations que celle-ci remplace (elles prennent fin quand elle commence)."
    ),
    "agreements, focal_points, mechanisms or action_plans (member and party lists say their "
    "own completeness: members_complete, parties_complete).": (
        "agreements, focal_points, mechanisms ou action_plans (les listes de membres et de "
        "parties disent elles-mêmes si elles sont complètes : members_complete, "
        "parties_complete)."
    ),
    "Only these types of the kind (e.g. bilateral, referral_mechanism); all if empty.": (
        "Seulement ces types (par exemple bilateral, referral_mechanism) ; tous si vide."
    ),
    "The States whose records it claims in full.": (
        "Les États dont il affirme recenser tous les enregistrements."
    ),
    "A network: its members' records.": "Un réseau : les enregistrements de ses membres.",
    "Only records of this issue scope; all if empty.": (
        "Seulement les enregistrements de ce champ thématique ; tous si vide."
    ),
    "A country (ISO alpha-3, alpha-2 or name), an area id (optionally 'area:<id>') or "
    "'unknown[: label]' for an endpoint the source does not name.": (
        "Un pays (ISO alpha-3, alpha-2 ou nom), un id de zone (éventuellement 'area:<id>') ou "
        "'unknown[: libellé]' pour une extrémité que la source ne nomme pas."
    ),
    "girls, boys, children, women, men, adults.": (
        "girls (filles), boys (garçons), children (enfants), women (femmes), men (hommes), "
        "adults (adultes)."
    ),
    "Number of cases recorded.": "Nombre de cas enregistrés.",
}
