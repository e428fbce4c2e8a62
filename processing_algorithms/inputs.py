"""The commune inputs shared by the algorithms: a layer of communes (or of demand places), its
identifier field and its population field, declared and read the same way everywhere.

Parameter names are constants (as in QGIS's own algorithms); each algorithm keeps its own names
and labels where they differ (``COMMUNES`` in territory_indicators, ``DEMAND`` in
locate_service_sites), so that existing models and scripts keep working.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from qgis.core import QgsProcessingParameterFeatureSource, QgsProcessingParameterField

from ..optima_plugin.compat import FieldParamType, SourceType
from ..optima_plugin.i18n import tr

INPUT = "INPUT"
COMMUNES = "COMMUNES"
ID_FIELD = "ID_FIELD"
POPULATION_FIELD = "POPULATION_FIELD"
# a population read by core.values: a numeric field, or a text field holding numbers ("2 279")
POPULATION_TYPE = FieldParamType.Any


@dataclass(frozen=True)
class CommuneParams:
    """The names of the commune parameters of one algorithm (None: the algorithm has none)."""
    layer: str = INPUT
    id_field: Optional[str] = ID_FIELD
    population_field: Optional[str] = POPULATION_FIELD


def add_commune_inputs(alg, names: CommuneParams = CommuneParams(), layer_label=None, layer_types=None,
                       id_label=None, population_label=None, population_optional=False):
    """Declare the layer, its identifier field (optional: the feature id by default) and its
    population field (any type: numbers, or numbers written as text)."""
    add_commune_layer(alg, names.layer, layer_label, layer_types)
    if names.id_field:
        add_id_field(alg, names.id_field, names.layer, id_label)
    if names.population_field:
        add_population_field(alg, names.population_field, names.layer, population_label, population_optional)


def add_commune_layer(alg, name: str = INPUT, label=None, types=None):
    alg.addParameter(QgsProcessingParameterFeatureSource(
        name, label or tr("Communes"), types or [SourceType.VectorPolygon]))


def add_id_field(alg, name: str = ID_FIELD, layer: str = INPUT, label=None):
    """An optional identifier field (the feature id when none is given)."""
    alg.addParameter(QgsProcessingParameterField(
        name, label or tr("Commune identifier field (e.g. insee)"), parentLayerParameterName=layer, optional=True))


def add_population_field(alg, name: str = POPULATION_FIELD, layer: str = INPUT, label=None, optional=False):
    """A population (or weight) field of any type: numbers, or numbers written as text."""
    alg.addParameter(QgsProcessingParameterField(
        name, label or tr("Population field"), parentLayerParameterName=layer, type=POPULATION_TYPE,
        optional=optional))


@dataclass
class Communes:
    """A commune layer as read: the layer data, one text identifier per feature (the feature id
    when no field is given) and the population (None without a population field)."""
    data: "object"                 # qgis_io.LayerData
    ids: list
    id_field: str                  # "" for the feature id
    population: "object" = None    # numpy floats
    population_field: str = ""

    @property
    def gdf(self):
        return self.data.gdf


def read_communes(alg, parameters, context, feedback, names: CommuneParams = CommuneParams(),
                  what: str = "population", target_crs=None) -> Communes:
    """Read the layer, check the identifiers (no blank, no duplicate: refused naming them) and
    read the population as numbers (text numbers read by ``core.values``, how they were read in
    the log; NULL, negative, not-a-number or ambiguous values refused naming the features)."""
    from ..optima_plugin.core import pipeline
    from ..optima_plugin.qgis_io import read_source

    src = alg.parameterAsSource(parameters, names.layer, context)
    data = read_source(src, names.layer, context, feedback, target_crs=target_crs)
    gdf = data.gdf
    id_field = alg.parameterAsString(parameters, names.id_field, context) if names.id_field else ""
    ids = pipeline.unique_ids(gdf[id_field] if id_field else data.fids, id_field or "feature id", data.fids)
    pop_field = alg.parameterAsString(parameters, names.population_field, context) \
        if names.population_field else ""
    pop = (pipeline.numeric_field(gdf[pop_field], pop_field, ids, what=what, log=feedback.pushInfo)
           if pop_field else None)
    return Communes(data, ids, id_field or "", pop, pop_field or "")
