"""Les mots de l'interface en français: the same ids as :mod:`coordgraph.text.locale_en`
(the source), each with the same ``{params}``. Data (names of agreements, bodies and
places, as recorded) is never translated; country names come from ISO 3166 in French.
"""

from __future__ import annotations

__all__ = ["PHRASES", "VALUES", "WORDS"]

WORDS: dict[str, str] = {
    "severity.high": "élevée",
    "severity.medium": "moyenne",
    "severity.low": "faible",
    "severity.info": "info",
    "gap_type.policy": "manque dans la coopération",
    "gap_type.data": "les sources ne permettent pas de trancher",
    "gap_type.label": "type de lacune",
    "criterion.in_force": "en vigueur",
    "criterion.victims_covered": "couvre les victimes de l'itinéraire",
    "criterion.exploitation_covered": "couvre la forme d'exploitation",
    "criterion.operational_channel": "un canal opérationnel pour les cas",
    "criterion.child_specific_provisions": "des dispositions propres aux enfants",
    "criterion.return_procedure": "une procédure de retour",
    "criterion.child_procedure": "une procédure pour les enfants",
    "criterion.child_protection_tie": "un lien avec le dispositif de protection de l'enfance",
    "criterion.independent": "l'indépendance vis-à-vis de l'organe de coordination",
    "criterion.evaluated": "une évaluation",
    "criterion.budget": "un budget",
    "criterion.timetable": "un calendrier",
    "criterion.child_scope": "des objectifs propres aux enfants",
    "criterion.reaches_local": "des mécanismes locaux qu'il atteint",
    "criteria.met": "rempli",
    "criteria.missing": "manquant",
    "criteria.unknown": "non enregistré",
    "kind.route_unlinked": "Couples origine-destination sans lien",
    "kind.route_unlinked.one": "couple origine-destination sans lien",
    "kind.route_unlinked.many": "couples origine-destination sans lien",
    "kind.route_unresolved": "Itinéraires dont une extrémité n'est pas identifiée par les sources",
    "kind.route_unresolved.one": "itinéraire à l'extrémité inconnue",
    "kind.route_unresolved.many": "itinéraires à l'extrémité inconnue",
    "kind.route_linked": "Couples origine-destination liés",
    "kind.route_linked.one": "couple origine-destination lié",
    "kind.route_linked.many": "couples origine-destination liés",
    "kind.duplicate_mechanisms": "Organes de coordination aux mandats qui se recoupent",
    "kind.duplicate_mechanisms.one": "paire d'organes qui se recoupent",
    "kind.duplicate_mechanisms.many": "paires d'organes qui se recoupent",
    "kind.duplicate_action_plans": "Plans d'action qui se recoupent",
    "kind.duplicate_action_plans.one": "paire de plans qui se recoupent",
    "kind.duplicate_action_plans.many": "paires de plans qui se recoupent",
    "kind.overlapping_networks": "Réseaux régionaux qui se recoupent",
    "kind.overlapping_networks.one": "paire de réseaux qui se recoupent",
    "kind.overlapping_networks.many": "paires de réseaux qui se recoupent",
    "kind.member_without_focal_point": "Membres d'un réseau sans point focal",
    "kind.member_without_focal_point.one": "membre sans point focal",
    "kind.member_without_focal_point.many": "membres sans point focal",
    "kind.endpoint_without_focal_point": "États situés sur un itinéraire sans point focal",
    "kind.endpoint_without_focal_point.one": "État d'itinéraire sans point focal",
    "kind.endpoint_without_focal_point.many": "États d'itinéraire sans point focal",
    "kind.orphan_focal_point": "Points focaux d'un réseau dont leur État n'est pas membre",
    "kind.orphan_focal_point.one": "point focal hors de son réseau",
    "kind.orphan_focal_point.many": "points focaux hors de leur réseau",
    "kind.plan_not_evaluated": "Plans d'action sans évaluation enregistrée",
    "kind.plan_not_evaluated.one": "plan sans évaluation enregistrée",
    "kind.plan_not_evaluated.many": "plans sans évaluation enregistrée",
    "kind.plan_without_structure": "Plans d'action sans structure de coordination",
    "kind.plan_without_structure.one": "plan sans structure de coordination",
    "kind.plan_without_structure.many": "plans sans structure de coordination",
    "kind.membership_incomplete": (
        "Réseaux dont la liste des membres est incomplète dans les sources"
    ),
    "kind.membership_incomplete.one": "liste de membres incomplète",
    "kind.membership_incomplete.many": "listes de membres incomplètes",
    "kind.local_officials_unlinked": "Responsables locaux non liés aux deux bouts d'un itinéraire",
    "kind.local_officials_unlinked.one": "itinéraire aux responsables locaux non liés",
    "kind.local_officials_unlinked.many": "itinéraires aux responsables locaux non liés",
    "kind.local_officials_linked": "Responsables locaux liés aux deux bouts d'un itinéraire",
    "kind.local_officials_linked.one": "itinéraire aux responsables locaux liés",
    "kind.local_officials_linked.many": "itinéraires aux responsables locaux liés",
    "kind.structure_missing": (
        "Structures attendues d'un État qui manquent ou ne sont pas enregistrées"
    ),
    "kind.structure_missing.one": "structure attendue manquante",
    "kind.structure_missing.many": "structures attendues manquantes",
    "kind.structure_incomplete": "Structures attendues auxquelles il manque un élément demandé",
    "kind.structure_incomplete.one": "structure attendue incomplète",
    "kind.structure_incomplete.many": "structures attendues incomplètes",
    "kind.structure_present": "Structures attendues présentes",
    "kind.structure_present.one": "structure attendue présente",
    "kind.structure_present.many": "structures attendues présentes",
    "counts.none": "Aucune lacune{where}{when}{extra}.",
    "counts.none.linked": " ({n} couples origine-destination liés listés)",
    "counts.gaps": "{n} lacunes{where}{when} ({by_severity}) : {by_kind}.",
    "counts.where": " dans {dataset}",
    "counts.when": " au {day}",
    "focal_point.designated": "désigné",
    "focal_point.not_designated": "non désigné",
    "focal_point.not_recorded": "non enregistré",
    "records.sources": "sources",
    "records.areas": "zones",
    "records.agencies": "institutions",
    "records.networks": "réseaux",
    "records.agreements": "accords",
    "records.mechanisms": "mécanismes",
    "records.action_plans": "plans d'action",
    "records.focal_points": "points focaux",
    "records.routes": "itinéraires",
    "records.memberships": "adhésions",
    "records.cases": "cas",
    "records.countries": "pays",
    "records.one.sources": "source",
    "records.one.countries": "pays",
    "records.one.areas": "zone",
    "records.one.agencies": "institution",
    "records.one.networks": "réseau",
    "records.one.agreements": "accord",
    "records.one.mechanisms": "mécanisme",
    "records.one.action_plans": "plan d'action",
    "records.one.focal_points": "point focal",
    "records.one.routes": "itinéraire",
    "records.one.memberships": "adhésion",
    "records.one.cases": "cas",
    # pictures (render/): legends, titles, footers
    "pic.style.bilateral_agreement": "accord bilatéral en vigueur",
    "pic.style.multilateral_agreement": "accord multilatéral en vigueur",
    "pic.style.legal_basis": "base juridique seule (sans canal opérationnel)",
    "pic.style.focal_point_channel": "canal des points focaux",
    "pic.style.local": "lien local ou mécanismes",
    "pic.style.none": "aucun lien (lacune)",
    "pic.style.domestic": "dans un même État, sans lien local",
    "pic.style.unresolved": "une extrémité non identifiée",
    "pic.focal.designated": "point focal désigné",
    "pic.focal.not_designated": "enregistré comme non désigné",
    "pic.focal.not_recorded": "non enregistré dans les sources",
    "pic.no_agency.designated": "point focal désigné (institution non nommée)",
    "pic.no_fp": "aucun point focal enregistré",
    "pic.cases.one": "{n} cas",
    "pic.cases.many": "{n} cas",
    "pic.cases.not_recorded": "cas non enregistrés",
    "pic.legend.colour": "Couleur et tirets : lien au\n{day}",
    "pic.legend.width": "Épaisseur : cas enregistrés (volume)",
    "pic.more": "… et {n} de plus",
    "pic.not_on_map": "Hors de la carte (sans localisation) :",
    "pic.unknown.to": "? {place} (vers {others})",
    "pic.unknown.from": "? {place} (depuis {others})",
    "pic.outside_extent": "{place} (hors de l'emprise de la carte)",
    "pic.no_position": "{place} (ni contour ni position dans countryinfo)",
    "pic.gap_count": "{routes} itinéraires, dont {gaps} avec un tronçon transfrontalier sans lien",
    "pic.gap_count.domestic": ", {n} dans un même État sans lien local",
    "pic.map.subtitle": "Carte des itinéraires : {gaps}, au {day}",
    "pic.origin_unknown": "origine non identifiée",
    "pic.routes.n": "{n} itinéraires",
    "pic.routes.legend": "couleur et tirets : lien au {day} ; épaisseur : cas enregistrés",
    "pic.routes.heaviest": (
        " ; les {shown} aux cas enregistrés les plus nombreux dessinés, {n} autres listés "
        "par coordgraph gaps routes"
    ),
    "pic.routes.subtitle": (
        "Itinéraires par État d'origine : {rows} itinéraires distincts, dont {gaps} avec un "
        "tronçon sans lien, au {day}"
    ),
    "pic.hub.members": "{n} États membres",
    "pic.hub.members_recorded": "{n} États membres enregistrés",
    "pic.network.subtitle_incomplete": (
        "{network} : {n} États membres enregistrés (liste incomplète) et leurs points "
        "focaux au {day}"
    ),
    "pic.member_focal_point": "Point focal du membre",
    "pic.links_among": "Liens entre les membres au {day} ({pairs} couples) :",
    "pic.links_kind": "{kind} : {n} couples",
    "pic.links_none": "aucun enregistré",
    "pic.no_fp_any": (
        "Aucun point focal n'est enregistré pour les {n} membres : les sources citées n'en "
        "nomment aucun (une lacune des données, pas la preuve qu'il n'en existe pas)."
    ),
    "pic.network.subtitle": "{network} : {n} États membres et leurs points focaux au {day}",
    "pic.no_date": "s.d.",
    "pic.sources": "Sources : {sources}",
    "pic.sources.none": "Sources : aucune enregistrée pour ce qui est dessiné",
    "pic.sources.documents": ", {n} documents",
    "pic.sources.full_list": "… (liste complète : coordgraph summary)",
    "pic.situation": "Situation au {day}.",
    "pic.drawn_by": "Dessiné par coordgraph à partir du jeu de données « {name} ».",
    "list.and": " et ",
    "action.agreement": "Nouvel accord bilatéral",
    "action.focal-point": "Désigner un point focal",
    "action.membership": "Rejoindre un réseau",
    "action.join": "Adhérer à un accord",
    "action.local-link": "Relier des structures locales",
    "action.provisions": "Modifier un accord",
    "action.hotline": "Créer une ligne de signalement",
    "action.designate": "Mettre en place une structure attendue",
    "plan.designate": (
        "{me} met en place la structure attendue ({structure}), dont les sources disent "
        "qu'elle manque"
    ),
    "plan.designate.revive": (
        "{me} fait fonctionner {name}, ou met en place à sa place la structure attendue "
        "({structure})"
    ),
    "plan.designate.apart": (
        "{me} met en place la structure attendue ({structure}) ; aujourd'hui ce rôle est "
        "tenu par {name}"
    ),
    "plan.designate.unrecorded": (
        "{me} met en place la structure attendue ({structure}), ou le jeu de données "
        "enregistre celle qui existe (aucune n'est enregistrée)"
    ),
    "plan.expectations": "remplit {n} attentes ({units})",
    "plan.expectations.one": "remplit 1 attente ({units})",
    "plan.expected_by": "{expected} : attendu par {profiles} ; aujourd'hui : {status}",
    "plan.no_routes": "aucune route transfrontalière enregistrée",
    "action.database": "Se connecter à une base de données des services répressifs",
    "plan.hotline.one": (
        "{states} crée une ligne de signalement des contenus d'abus sexuels sur enfants en "
        "ligne, pour que ses itinéraires en ligne aient un canal de signalement à chaque bout"
    ),
    "plan.hotline.many": (
        "{states} créent une ligne de signalement des contenus d'abus sexuels sur enfants en "
        "ligne, pour que leurs itinéraires en ligne aient un canal de signalement à chaque bout"
    ),
    "plan.database": (
        "{other} est connecté à {name} ; si {me} s'y connecte, leurs itinéraires en ligne "
        "disposent d'un canal entre services répressifs"
    ),
    "plan.agreement": (
        "un nouvel accord bilatéral en vigueur entre {a} et {b}, pour : {scope}, couvrant "
        "toutes les formes d'exploitation, avec : {provisions}"
    ),
    "plan.focal_point.one": (
        "{states} désigne un point focal dans {name}, pour que {a} et {b} y aient chacun le leur"
    ),
    "plan.focal_point.many": (
        "{states} désignent un point focal dans {name}, pour que {a} et {b} y aient chacun le leur"
    ),
    "plan.membership": (
        "{other} a un point focal dans {name} ; si {me} le rejoint et en désigne un, un canal "
        "entre points focaux s'ouvre"
    ),
    "plan.join": "{me} adhère à {name}, auquel {other} est partie",
    "plan.join_later": (
        "{me} adhère à {name}, auquel {other} est partie (selon les sources, il n'en devient "
        "partie qu'en {day})"
    ),
    "plan.local_link": (
        "{body} et {body2} conviennent de travailler directement ensemble (lien local, "
        "recommandation 12.2.2)"
    ),
    "plan.provisions": "{name} reçoit : {provisions} (avenant ou protocole)",
    "plan.provisions.unchecked": (
        "{name} reçoit : {provisions} (avenant ou protocole ; son contenu n'est pas "
        "entièrement enregistré, vérifiez d'abord le texte)"
    ),
    "plan.changes": "remplit {criteria} pour {pairs} ({units})",
    "plan.criteria": "{n} critères de lien",
    "plan.criteria.one": "1 critère de lien",
    "plan.pairs": "{n} couples origine-destination",
    "plan.pairs.one": "1 couple origine-destination",
    "plan.routes": "{n} itinéraires",
    "plan.routes.one": "1 itinéraire",
    "plan.cases": "{n} cas enregistrés",
    "plan.cases.one": "1 cas enregistré",
    "plan.newly_links": " ; relie {pairs} sans lien jusqu'ici",
    "plan.more_agreements": "et {n} autres",
    "plan.more_pairs": "et {n} autres couples origine-destination",
    "plan.parties_n": "ses {n} parties",
    "plan.pair": "{where} : {criteria} ; aujourd'hui : {today}",
    "plan.today.by": "lié par {names}",
    "plan.today.linked": "lié, mais pas par un accord",
    "plan.today.near": "aucun lien ; accords enregistrés qui ne les lient pas : {names}",
    "plan.today.none": "aucun lien",
    "plan.in": ", dans {name}",
    "plan.after": " (après l'action {n})",
    "plan.region_note": (
        "Un État n'est invité à rejoindre un accord ou un réseau que dans la région de ses "
        "parties ou membres : les sources n'en indiquent pas les conditions d'adhésion."
    ),
    "provision.return_procedure": "une procédure de retour",
    "provision.victim_assistance": "l'assistance aux victimes",
    "provision.guardianship": "la tutelle",
    "provision.individual_case_assessment": "l'évaluation individuelle de chaque cas",
    "provision.information_exchange": "l'échange d'informations",
    "provision.joint_investigation": "les enquêtes conjointes",
    "provision.family_tracing": "la recherche des familles",
    "provision.separated_children": "la prise en charge des enfants séparés",
    "provision.focal_points": "des points focaux",
    "provision.joint_commission": "une commission mixte",
    "provision.other": "d'autres dispositions",
    "provision.all_forms": "la couverture de toutes les formes d'exploitation",
    "agreement_scope.children": "les enfants",
    "agreement_scope.all_persons": "toutes les personnes",
    "ex.as_of": "Au",
    "ex.state": "État",
    "ex.network": "Réseau",
    "ex.all": "tous",
    "ex.findings": "Constats : {count} affichés, {gaps} lacunes",
    "ex.click": (
        "Cliquez sur un constat pour mettre en évidence ses États, itinéraires et preuves. "
        "Calculé par coordgraph {version} pour chaque date ; jeu de données {dataset}."
    ),
    "ex.explorer": "explorateur",
    "ex.other_countries": "autres pays",
    "ex.states_in_data": "États des données",
    "ex.status.linked": "couples origine-destination liés",
    "ex.status.unlinked": "couples origine-destination sans lien",
    "ex.status.unresolved": "couples à l'extrémité inconnue",
    "ex.status.legal basis only": "couples liés par une base juridique seulement",
    "ex.status.internal": "couples à l'intérieur d'un État",
    "ex.selected_routes": "itinéraires choisis",
    "ex.states": "États",
    "ex.worst": " (constat le plus grave : {severity})",
    "ex.no_pairs_draw": (
        "Aucun couple origine-destination à dessiner au {day}{selection} : les itinéraires "
        "des sources commencent plus tard, ou aucun n'est enregistré."
    ),
    "ex.no_pairs_recorded": (
        "Aucun couple origine-destination enregistré au {day}{selection} : les itinéraires "
        "des sources commencent plus tard, ou aucun n'est enregistré."
    ),
    "ex.for_selection": " pour cette sélection",
    "ex.map_title": "Couples origine-destination au {day}",
    "ex.no_focal_point": " - pas de point focal",
    "ex.more_members": (
        " (+{n} autres membres ou parties à cette date, hors des États des données)"
    ),
    "ex.node.Country": "Pays",
    "ex.node.Network": "Réseau",
    "ex.node.Agreement": "Accord",
    "ex.node.FocalPoint": "Point focal",
    "ex.empty_network": (
        "Aucun membre, aucune partie ni aucun point focal n'est enregistré au {day}. Les "
        "sources citées n'en nomment aucun : une lacune des données, pas la preuve qu'il n'en "
        "existe pas. Choisissez un réseau ci-dessus pour voir ses membres."
    ),
    "ex.empty_this_network": (
        "{name} : aucun membre, aucune partie ni aucun point focal n'est enregistré au {day}. "
        "Les sources citées n'en nomment aucun : une lacune des données, pas la preuve qu'il "
        "n'en existe pas."
    ),
    "ex.network_title": "Réseaux, accords et points focaux",
    "ex.nearest": "Le plus proche : ",
    "ex.evidence": "Preuves : ",
    "ex.routes": "Itinéraires : ",
    "ex.sources": "Sources : ",
    "ex.criteria_missing": "Critères manquants : ",
    "ex.criteria_unknown": "Non enregistré (lacune de données) : ",
    "ex.gap_type": "Type de lacune : ",
    "ex.rule": "Règle : ",
    "ex.nearest_year": (
        "Rien ne change en {asked} dans ce jeu de données, qui n'a donc pas d'étape cette "
        "année-là : affichage de {shown}, l'année la plus proche qui en a une."
    ),
    "ex.expected.title": "Structures attendues : {name}",
    "ex.expected.pick": (
        "Choisissez un État pour voir les structures qui en sont attendues, et celles que "
        "les enregistrements montrent."
    ),
    "ex.expected.none": "Aucun profil d'attentes ne s'applique à {name} au {day}.",
    "ex.expected.structure": "attendu",
    "ex.expected.status": "statut",
    "ex.expected.record": "enregistrement",
    "ex.no_step": "Pas d'étape {asked} : affichage de la plus récente, {shown}.",
    "report.title": "{title} : lacunes de coordination au {day}",
    "report.synthetic": "Données synthétiques : pas des faits réels.",
    "report.summary": "Synthèse",
    "report.kind_of_gap": "type de lacune",
    "report.total": "total",
    "report.all_gaps": "toutes les lacunes",
    "report.top": "Les trois lacunes les plus importantes",
    "report.changed": "Ce qui a changé.",
    "report.changed.line": (
        "Depuis le {since} : {opened} nouvelles lacunes, {closed} comblées ({then} alors, "
        "{now} aujourd'hui)."
    ),
    "report.changed.new": "nouvelle",
    "report.changed.closed": "comblée",
    "report.changed.more": "… et {n} de plus ({word})",
    "report.changed.hint": "Pour voir ce qui a changé, relancez le rapport avec --since DATE.",
    "report.dataset": (
        "Jeu de données {name} : {total} enregistrements ({records}), {verified} vérifiés ; "
        "{countries} pays ; {sources} sources. {scope}"
    ),
    "report.licences": "Licences : {licences}.",
    "report.licences.none": "non précisées",
    "report.scope.verified": (
        "Les constats n'utilisent que les {n} enregistrements vérifiés (ajoutez "
        "--include-unverified pour tous)."
    ),
    "report.scope.all": "Les constats utilisent tous les enregistrements, vérifiés ou non.",
    "report.explorer": (
        "Version interactive, année par année (carte, réseau des points focaux et constats ; "
        "s'ouvre hors ligne) : {link}, à côté de ce fichier."
    ),
    "report.explorer.md": "Version interactive, année par année : {link} (s'ouvre hors ligne).",
    "report.by_state": "Lacunes par État",
    "report.state.gaps": "{name} : {n} lacunes",
    "report.state.gap": "{name} : 1 lacune",
    "report.no_state": "Sans rattachement à un seul État",
    "report.severity": "gravité",
    "report.finding": "constat",
    "report.sources": "sources",
    "report.nearly": "presque",
    "report.rule": "règle",
    "report.networks": "Réseaux",
    "report.network.members": "{name} ({n} membres)",
    "report.network.members_incomplete": (
        "{name} ({n} membres enregistrés ; la liste est incomplète)"
    ),
    "report.member": "membre",
    "report.focal_point": "point focal",
    "report.coordinating_body": "organe de coordination",
    "report.plan": "plan d'action",
    "report.none_recorded": "aucun enregistré",
    "report.matrix.key": (
        "Liens entre membres pour les enfants victimes : B accord bilatéral, M accord "
        "multilatéral, F canal des points focaux, L lien local, LB base juridique seule "
        "(sans canal opérationnel), · aucun."
    ),
    "report.network.picture": "{name} : membres selon le statut du point focal",
    "report.actions": "Actions qui combleraient le plus de lacunes",
    "report.action.links": "relie {n}",
    "report.routes": "Itinéraires",
    "report.map": "carte des itinéraires",
    "report.routes_picture": "itinéraires par État d'origine",
    "report.sources.heading": "Sources",
    "report.publisher_unknown": "éditeur non enregistré",
    "report.no_date": "s. d.",
    "report.rules": "Règles à l'origine des constats",
    "report.rules.doc": "(docs/findings.md)",
    "report.linked_apart": (
        "En outre, {n} couple(s) origine-destination lié(s) ne remplissent pas un critère de "
        "lien : présentés sous leurs États, non comptés comme lacunes."
    ),
    "report.differs": "diffère par",
    "report.differs.routes": "itinéraires",
    "report.differs.victims": "victimes",
    "report.differs.purposes": "finalités",
    "report.elsewhere": "Présenté sous {state} : {names}.",
    "report.low": ("{n} lacune(s) de faible gravité ({kinds}) : dans le rapport complet (--full)."),
    "report.quiet": (
        "États n'ayant que des lacunes de faible gravité : {names} ; dans le rapport complet "
        "(--full)."
    ),
    "report.left": "Réseaux non présentés, et pourquoi : {items}.",
    "report.left.unverified": (
        "{n} membres enregistrés, aucun vérifié (ajoutez --include-unverified)"
    ),
    "report.left.not_on_day": "aucun membre au {day}",
    "report.left.none_of": "aucun membre enregistré (la source en indique {n})",
    "report.left.none": "aucun membre enregistré",
    "report.pictures": "Images",
    "report.annex": "Annexe",
    "report.annex.states": "Toutes les lacunes, État par État",
    "report.cited": "Sources citées ci-dessus",
    "report.linked_short": (
        "Lié, mais il manque au lien ce qui est indiqué ci-dessous (le rapport complet, "
        "--full, dit par quoi)."
    ),
    "included.title": "Instruments de référence utilisés",
    "included.intro": (
        "Enregistrements repris de jeux de données inclus ; quand ce jeu de données a son "
        "propre enregistrement du même instrument, le sien prévaut et coordgraph validate "
        "indique où les deux divergent."
    ),
    "included.id": "id",
    "included.name": "instrument ou organisme",
    "included.states": "États",
    "included.from": "provenance",
    "included.status": "statut",
    "included.parties": "{n} parties",
    "included.members": "{n} membres",
    "included.merged": ", fusionné avec l'enregistrement de ce jeu de données",
    "included.status_as_at": "statut au {day}",
    "included.status_none": "date du statut non indiquée",
    "expected.head": "attendu",
    "expected.status": "statut",
    "expected.record": "enregistrement",
    "expected.present": "présent",
    "expected.requirement_not_recorded": "présent ; non enregistré :",
    "expected.incomplete": "présent ; il manque",
    "expected.not_working": "ne fonctionne pas",
    "expected.recorded_absent": "absence enregistrée",
    "expected.not_recorded": "non enregistré (lacune de données)",
    "pairs.heading": (
        "Couples d'États sur les itinéraires ({n}), du plus grand volume au plus petit"
    ),
    "pairs.status.unlinked": "sans lien",
    "pairs.status.unresolved": "une extrémité non identifiée",
    "pairs.status.linked": "liés",
    "pairs.status.none": "acteurs locaux seulement",
    "pairs.routes.one": "{n} itinéraire",
    "pairs.routes.many": "{n} itinéraires",
    "pairs.cases.one": "{n} cas enregistré",
    "pairs.cases.many": "{n} cas enregistrés",
    "pairs.facts": "{status} : {facts}",
    "pairs.missing_first": "manque d'abord : {criterion}",
    "pairs.nearly": "lien manqué de peu : {miss}",
    "pairs.rests_on": "repose sur : {records} ; sources : {sources}",
    "pairs.detail": "une ligne par couple d'États ; --detail liste chaque constat",
    "report.made": (
        "Produit par coordgraph le {made} à partir du jeu de données {name}, au {day}."
    ),
}

#: Values a phrase's parameter may take that are words, not data: scope of an agreement,
#: victims, what a body does, scope tags (``{type}.{English value}``).
VALUES: dict[str, str] = {
    "scope.children": "enfants",
    "scope.women and children": "femmes et enfants",
    "scope.all persons": "toutes personnes",
    "scope.unknown": "non précisé",
    "victims.children": "enfants",
    "victims.girls": "filles",
    "victims.boys": "garçons",
    "victims.women": "femmes",
    "victims.men": "hommes",
    "victims.adults": "adultes",
    "victims.not recorded": "non enregistrées",
    "purposes.not recorded": "non enregistrées",
    "purposes.sexual_exploitation": "exploitation sexuelle",
    "purposes.online_sexual_exploitation": "exploitation sexuelle en ligne",
    "purposes.labour": "travail",
    "purposes.domestic_servitude": "servitude domestique",
    "purposes.begging": "mendicité",
    "purposes.marriage": "mariage",
    "purposes.adoption": "adoption",
    "purposes.criminal_activity": "activités criminelles",
    "purposes.other": "autre",
    "purposes.unknown": "inconnue",
    "structure.focal point for other States to contact": (
        "point focal que les autres États peuvent contacter"
    ),
    "structure.national coordinating body tied to the child-protection structure": (
        "organe national de coordination lié au dispositif de protection de l'enfance"
    ),
    "structure.national coordinating body tied to the child-protection structure, evaluated": (
        "organe national de coordination lié au dispositif de protection de l'enfance, évalué"
    ),
    "structure.national body that reaches local mechanisms": (
        "organe national relié aux mécanismes locaux"
    ),
    "structure.national referral mechanism with a procedure for children": (
        "mécanisme national d'orientation doté d'une procédure pour les enfants"
    ),
    "structure.national referral mechanism": "mécanisme national d'orientation",
    "structure.independent national rapporteur, separate from the coordinating body": (
        "rapporteur national indépendant, distinct de l'organe de coordination"
    ),
    "structure.national rapporteur or equivalent mechanism": (
        "rapporteur national ou mécanisme équivalent"
    ),
    "structure.national plan of action with child objectives, a budget, a timetable and an "
    "evaluation": (
        "plan d'action national avec des objectifs pour les enfants, un budget, un calendrier "
        "et une évaluation"
    ),
    "structure.referral mechanism working in at least one local area": (
        "mécanisme d'orientation en fonctionnement dans au moins une zone locale"
    ),
    "structure.telephone helpline to report children suffering abuse": (
        "ligne d'assistance téléphonique pour signaler les enfants victimes de maltraitance"
    ),
    "structure.hotline to report child sexual abuse material online": (
        "ligne de signalement des contenus d'abus sexuels sur enfants en ligne"
    ),
    "structure.connection to INTERPOL's International Child Sexual Exploitation database": (
        "connexion à la base de données internationale d'INTERPOL sur l'exploitation sexuelle "
        "des enfants"
    ),
    "structure.channel for companies to report to a hotline or the police": (
        "canal permettant aux entreprises de signaler à une ligne de signalement ou à la police"
    ),
    "structure.specialised police for online child sexual exploitation": (
        "police spécialisée dans l'exploitation sexuelle des enfants en ligne"
    ),
    "lists.all of its focal points": "tous ses points focaux",
    "lists.all of its mechanisms": "tous ses mécanismes",
    "lists.all of its plans of action": "tous ses plans d'action",
    "lists.all of its agencies": "toutes ses institutions",
    "lists.all of its connections to databases": "toutes ses connexions à des bases de données",
    "lists.every company that reports to its bodies": (
        "toutes les entreprises qui font des signalements à ses organes"
    ),
    "lists.every structure": "toutes les structures",
    "requirements.a procedure for children": "une procédure pour les enfants",
    "requirements.a tie to the child-protection structure": (
        "un lien avec le dispositif de protection de l'enfance"
    ),
    "requirements.independence from the coordinating body": (
        "l'indépendance vis-à-vis de l'organe de coordination"
    ),
    "requirements.an evaluation": "une évaluation",
    "requirements.a budget": "un budget",
    "requirements.a timetable": "un calendrier",
    "requirements.objectives specific to children": "des objectifs propres aux enfants",
    "requirements.local mechanisms it reaches": "des mécanismes locaux qu'il atteint",
    "forms.all": "toutes formes",
    "forms.sexual exploitation": "exploitation sexuelle",
    "forms.online sexual exploitation": "exploitation sexuelle en ligne",
    "forms.labour": "travail",
    "forms.domestic servitude": "servitude domestique",
    "forms.begging": "mendicité",
    "forms.marriage": "mariage",
    "forms.adoption": "adoption",
    "forms.criminal activity": "activités criminelles",
    "forms.other": "autres",
    "does.operational coordination": "coordination opérationnelle",
    "does.referral of cases": "orientation des cas",
    "does.monitoring and reporting": "suivi et rapports",
    "does.policy forum": "forum politique",
    "does.project or programme": "projet ou programme",
    "does.law-enforcement database": "base de données des services répressifs",
    "does.hotline network": "réseau de lignes d'assistance",
    "does.legal basis without an operational channel": "base juridique sans canal opérationnel",
    "tags.trafficking_in_persons": "traite des personnes",
    "tags.trafficking_women_children": "traite des femmes et des enfants",
    "tags.trafficking_adults": "traite des adultes",
    "tags.trafficking_women": "traite des femmes",
    "tags.sex_trafficking": "traite à des fins d'exploitation sexuelle",
    "tags.labour_trafficking": "traite à des fins d'exploitation par le travail",
    "tags.child_trafficking": "traite des enfants",
    "tags.child_trafficking_sexual": "traite des enfants à des fins sexuelles",
    "tags.child_trafficking_labour": "traite des enfants à des fins de travail",
    "tags.child_trafficking_begging": "traite des enfants à des fins de mendicité",
    "tags.child_trafficking_marriage": "traite des enfants à des fins de mariage",
    "tags.csec": "exploitation sexuelle des enfants à des fins commerciales",
    "tags.child_prostitution": "prostitution des enfants",
    "tags.child_sexual_exploitation_online": "exploitation sexuelle des enfants en ligne",
    "tags.child_sexual_abuse_material": "matériel d'abus sexuels sur enfants",
    "tags.sale_of_children": "vente d'enfants",
    "tags.worst_forms_child_labour": "pires formes de travail des enfants",
    "tags.hazardous_child_labour": "travail dangereux des enfants",
    "tags.child_labour": "travail des enfants",
    "tags.violence_against_children": "violence contre les enfants",
}

PHRASES: dict[str, str] = {
    "route.routes_unlinked": "({n} itinéraires) : aucun lien au {day}",
    "route.route_unlinked": "({n} itinéraire) : aucun lien au {day}",
    "route.linked": " : lié au {day} par ",
    "route.observed": "(observé {period})",
    "route.unresolved_origin": (
        " : l'origine ({place}) n'est pas identifiée, aucun lien ne peut donc être vérifié"
    ),
    "route.unresolved_other": (
        " : l'autre extrémité ({place}) n'est pas identifiée, aucun lien ne peut donc être vérifié"
    ),
    "route.nearest": "le plus proche : ",
    "route.none_recorded": "aucun accord ni canal entre eux n'est enregistré, et ",
    "route.none_recorded_internal": (
        "aucun mécanisme d'orientation ni lien local n'est enregistré, et "
    ),
    "route.not_claimed_agreements": (
        "ce jeu de données ne prétend pas recenser tous leurs accords"
    ),
    "route.not_claimed_referral": (
        "ce jeu de données ne prétend pas recenser tous ses mécanismes d'orientation"
    ),
    "route.claimed_agreements": " indique que le jeu de données recense tous leurs accords",
    "route.claimed_referral": (
        " indique que le jeu de données recense tous ses mécanismes d'orientation"
    ),
    "route.stale": (
        "rien n'est enregistré sur cet itinéraire depuis {day} : vérifier qu'il est encore "
        "emprunté avant d'agir"
    ),
    "route.no_local_mechanism": "aucun mécanisme local en fonctionnement enregistré ({place})",
    "route.no_referral": "aucun mécanisme national d'orientation enregistré ({code})",
    "route.local_both": "mécanismes locaux aux deux extrémités (",
    "route.national_referral": "mécanisme national d'orientation ",
    "route.not_yet_signed": " : pas encore signé (signature le {day})",
    "route.not_party": " : pas partie au {day} (",
    "route.whom_not_recorded": ") : les personnes couvertes ne sont pas enregistrées",
    "route.covers_no": ") : ne couvre pas ces victimes : {victims}",
    "route.victims_not_recorded": ") : les victimes de l'itinéraire ne sont pas enregistrées",
    "route.possibly": "peut-être lié par ",
    "route.parties_not_all": (
        "), dont les parties ne sont pas toutes enregistrées ({code} et {code2} sont membres de "
    ),
    "route.channel_possible": " (un canal dont les membres ne sont pas tous enregistrés : ",
    "route.both_members": "{code} et {code2} sont membres de ",
    "route.one_recorded": "{code} est enregistré ; {code2} est membre de ",
    "route.parties_some": "), dont les parties ne sont pas toutes enregistrées (",
    "route.covers_only": " ne couvre que : {forms} ; pas : {forms2}",
    "route.covers_but": " couvre : {forms}, mais pas : {forms2}",
    "route.legal_only": (
        ", une base juridique seulement : aucun accord opérationnel, canal entre points "
        "focaux ni lien local n'est enregistré entre eux, et "
    ),
    "route.legal_general": (
        " : une base juridique ({scope}) sans disposition propre aux enfants enregistrée"
    ),
    "route.missing": "mais il manque : {criterion} (",
    "route.data_gap": "non enregistré (lacune de données) : {criteria}",
    "route.general": (
        " : un accord général ({scope}) sans disposition propre aux enfants enregistrée"
    ),
    "route.no_fp_for": "{code} est membre de {name} mais aucun point focal n'y est enregistré",
    "route.not_designating": (
        "{code} est membre de {name} mais a déclaré ne pas désigner de point focal"
    ),
    "route.not_designating_in": "{code} a déclaré ne pas en désigner dans ",
    "route.fp_channel": "points focaux de {a} et de {b} dans ",
    "route.works_with": " travaille directement avec ",
    "route.not_channel": " : un réseau de {does}, pas un canal pour les cas",
    "struct.none_recorded": " : {structure} : aucun enregistrement, et ",
    "struct.not_claimed": "ce jeu de données ne prétend pas recenser {lists}",
    "struct.expected_by": " ; attendu par ",
    "struct.no_working": " : {structure} : aucun en fonctionnement : ",
    "struct.no_working_any": " : {structures} : aucun en fonctionnement : ",
    "struct.claimed": " indique que le jeu de données recense {lists}",
    "struct.not_working": " est enregistré comme ne fonctionnant pas",
    "struct.re_check": " (dernière mention {day} ; à revérifier)",
    "struct.has_no": " : {structure} : aucun : ",
    "struct.none_designated": " indique qu'aucun n'est désigné",
    "struct.has": " : {label} ({astructure})",
    "struct.unsaid": ", mais les sources ne disent pas s'il comporte : {requirements}",
    "struct.not_independent": " : pas de rapporteur indépendant : ",
    "struct.incomplete": " : {astructure} incomplet : ",
    "struct.without": " est enregistré sans : {requirements}",
    "time.signed_counted": (
        "signé le {day} ; entrée en vigueur non enregistrée, comptée à partir de la signature"
    ),
    "time.signed_not_recorded": "signé le {day} ; entrée en vigueur non enregistrée",
    "time.mou": "protocole d'accord signé le {day}, effectif dès la signature",
    "time.in_force_since": "en vigueur depuis le {day}",
    "time.in_force_only": "n'entre en vigueur que le {day}",
    "time.expired": "expiré le {day}",
    "time.draft_unknown": "projet au {day} ; statut inconnu depuis le {day2}",
    "time.not_in_force_unknown": (
        "enregistré comme non en vigueur au {day} ; statut inconnu depuis le {day2}"
    ),
    "time.draft_on": "projet au {day}",
    "time.not_in_force_on": "enregistré comme non en vigueur au {day}",
    "time.not_yet_drafted": "pas encore rédigé (projet au {day})",
    "time.signed": "signé le {day}",
    "time.attested": "date de début non enregistrée ; mentionné en {day}",
    "time.start_not_recorded": " : date de début non enregistrée",
    "time.undated": "aucune date enregistrée ; mentionné en {day}",
    "time.not_before": "aucune date enregistrée ; pas de mention avant {day}",
    "time.last_attested": " : dernière mention {day}",
    "time.dates": "[dates : ",
    "time.scope": "({scope} ; ",
    "time.scope_comma": "({scope}, ",
    "time.scope_alone": "({scope})",
    "local.unlinked": (
        " : les responsables locaux du lieu d'origine et du lieu d'exploitation ne sont liés "
        "ni directement ni par des points focaux au {day} (recommandation 12.2.2) : "
    ),
    "local.no_mechanism": "aucun mécanisme local en fonctionnement enregistré ({place})",
    "local.no_common_fp": "pas de point focal désigné aux deux extrémités dans un réseau commun",
    "local.direct": " : les responsables locaux sont liés directement (",
    "local.direct_end": ") au {day}",
    "local.through": (
        ") peuvent se joindre par les points focaux des deux États dans {name} au {day}"
    ),
    "local.officials": " : les responsables locaux (",
    "plan.ran": "(mis en œuvre {period}) : aucune évaluation enregistrée au {day}",
    "plan.since": "(en vigueur depuis le {day}) : aucune évaluation enregistrée au {day2}",
    "plan.no_structure": (
        " est en vigueur mais aucune structure chargée de sa coordination n'est enregistrée : "
        "aucun mécanisme n'est désigné pour lui et aucun organe national de coordination "
        "n'est enregistré au {day} ({codes})"
    ),
    "plan.idle": " est en vigueur mais sa structure de coordination (",
    "plan.idle_end": ") ne fonctionne pas au {day}",
    "dup.pair": "{label} et {label2} (",
    "dup.overlap": ") se recoupent sur : {tags}",
    "dup.national_coordination": "(coordination nationale, ",
    "dup.national_referral": "(orientation nationale, ",
    "dup.national_monitoring": "(suivi national, ",
    "dup.local_coordination": "(coordination locale, ",
    "dup.local_referral": "(orientation locale, ",
    "dup.international_coordination": "(coordination internationale)",
    "dup.international_monitoring": "(suivi international)",
    "dup.led_by": "pilotés par ",
    "dup.versus": " et par ",
    "dup.no_link": "aucun lien de coordination ou de rattachement n'est enregistré entre eux",
    "dup.joined_by": "reliés par ",
    "dup.share": " et ont {n} membres en commun (",
    "dup.still_works": " : rien d'enregistré depuis {day} : vérifier qu'il fonctionne encore",
    "dup.nothing_since": " : rien d'enregistré depuis {day}",
    "dup.plans_in": "plans en vigueur : ",
    "fp.recorded_of": " : {n} État(s) membre(s) enregistré(s) sur les {m} que donne la source",
    "fp.recorded": " : {n} État(s) membre(s) enregistré(s)",
    "fp.unrecorded": "les points focaux des membres non enregistrés ne peuvent pas être vérifiés",
    "fp.member_of": " est membre de {name}, qui attend des points focaux, mais ",
    "fp.none_now": (
        "aucun point focal n'est enregistré à cette date ; un point focal est enregistré à "
        "partir du {day} (lacune de données, pas forcément de coopération)"
    ),
    "fp.points_to_nothing": " ne renvoie à rien : ",
    "fp.focal_point": "Point focal ",
    "fp.not_member": "{code} n'est pas membre de {name} à cette date",
    "fp.ended": " a pris fin",
    "fp.agency_gone": " n'existe plus",
}
