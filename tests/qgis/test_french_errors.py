"""With QGIS in French, the errors a user reads are French: the core's InputError messages
(English templates, core_messages.ERRORS) are translated at the algorithm boundary with the same
values (the culprit named as in the data, numbers in French format)."""
import re

import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsProcessingException, QgsVectorLayer


def _grid(rows):
    """3 x 3 squares of 1 km: (code, nom, pop) per cell."""
    lyr = QgsVectorLayer("MultiPolygon?crs=EPSG:2154&field=code:string&field=nom:string&field=pop:double",
                         "communes", "memory")
    feats = []
    for i, attrs in enumerate(rows):
        x, y = (i % 3) * 1000, (i // 3) * 1000
        f = QgsFeature(lyr.fields())
        f.setAttributes(list(attrs))
        f.setGeometry(QgsGeometry.fromWkt(f"POLYGON(({x} {y},{x + 1000} {y},{x + 1000} {y + 1000},"
                                          f"{x} {y + 1000},{x} {y}))"))
        feats.append(f)
    assert lyr.dataProvider().addFeatures(feats)[0]
    return lyr


def _cluster(run_alg, tmp_path, lyr):
    return run_alg("optima:cluster_territories", {
        "INPUT": lyr, "ID_FIELD": "code", "POPULATION_FIELD": "pop", "N_TERRITORIES": 2,
        "BALANCE_TOLERANCE": 30, "OUTPUT_COMMUNES": str(tmp_path / "c.gpkg"),
        "OUTPUT_TERRITORIES": str(tmp_path / "t.gpkg")})


def _rows():
    return [[f"C{i:04d}", f"N{i:04d}", 100.0 + 37 * i] for i in range(9)]


def test_duplicate_identifier_in_french_names_the_culprit(french, run_alg, tmp_path):
    rows = _rows()
    rows[5][0] = "C0002"
    with pytest.raises(QgsProcessingException) as e:
        _cluster(run_alg, tmp_path, _grid(rows))
    msg = str(e.value)
    assert msg == ("Champ « code » : identifiant(s) en double C0002. "
                   "Chaque commune doit avoir son propre identifiant."), msg


def test_missing_population_in_french_names_the_feature(french, run_alg, tmp_path):
    rows = _rows()
    rows[3][2] = None
    with pytest.raises(QgsProcessingException) as e:
        _cluster(run_alg, tmp_path, _grid(rows))
    msg = str(e.value)
    assert "Champ « pop »" in msg and "C0003" in msg and "(NULL)" in msg and "population" in msg, msg
    assert "feature" not in msg and "Fill them in" not in msg, msg


def test_same_errors_stay_english_without_translation(optima, run_alg, tmp_path):
    rows = _rows()
    rows[5][0] = "C0002"
    with pytest.raises(QgsProcessingException) as e:
        _cluster(run_alg, tmp_path, _grid(rows))
    assert str(e.value) == "Field 'code': duplicate identifier(s) C0002. Each commune needs its own identifier."


def test_tr_error_values_numbers_words_and_quotes(french):
    tr_error = french.tr_error
    # numbers in French format, value words translated, the user's quoted text untouched
    assert tr_error("total capacity 1,250.5 is less than the total demand 2,000") == \
        "la capacité totale 1\u202f250,5 est inférieure à la demande totale 2\u202f000"
    assert tr_error("Field 'cap': 2 capacity(s) are not numbers (feature S1, S2: '1.5x').") == \
        "Champ « cap » : 2 valeur(s) de capacité ne sont pas des nombres (entité S1, S2 : « 1.5x »)."
    assert tr_error("N_TERRITORIES_LIST: '2.5' is not a whole number.") == \
        "N_TERRITORIES_LIST : « 2.5 » n'est pas un nombre entier."
    # a message matching no template (already translated, or from elsewhere) is left as it is
    assert tr_error("Champ « x » : déjà traduit 1,5") == "Champ « x » : déjà traduit 1,5"
    assert tr_error("The service catalogue is empty.") == "Le catalogue des services est vide."
    assert tr_error("No road layer given (empty layer)") == "Aucune donnée pour : couche routière (couche vide)"


def test_joined_problems_and_nested_sentences_in_french(french):
    """A core message listing several problems ("; "-joined, rows named "line 3 (service 'X')"),
    and the reasons of an ambiguous number: every piece French."""
    import pandas as pd
    from optima.optima_plugin.core import catalogue
    from optima.optima_plugin.core.errors import InputError
    from optima.optima_plugin.core.pipeline import numeric_field

    from optima.optima_plugin.core.catalogue_defaults import CRITERIA
    cat = pd.DataFrame([dict({c: 3 for c in CRITERIA}, service=s) for s in ("Voirie", "Eau", "Écoles")])
    cat[CRITERIA[0]] = cat[CRITERIA[0]].astype(object)
    cat.loc[0, CRITERIA[0]] = "beaucoup"
    cat.loc[1, "service"] = ""
    with pytest.raises(InputError) as e:
        catalogue.score_services(cat)
    msg = french.tr_error(str(e.value))
    assert msg.startswith("Catalogue des services : ligne "), msg
    assert "ligne 3 : le nom du service est vide" in msg and " ; " in msg, msg
    assert "ligne 2 (service « Voirie »), colonne « frequence_contact » : « beaucoup » n'est pas un nombre " \
        "(donnez une note entre 0 et 5)" in msg, msg
    assert not re.search(r"\b(line|column|is not|empty)\b", msg), msg

    with pytest.raises(InputError) as e:
        numeric_field(["2,279"], "pop", ["Quimper"], what="population")
    msg = french.tr_error(str(e.value))
    assert msg.startswith("Champ « pop » : nombre(s) ambigu(s) pour l'entité"), msg
    assert "« 2,279 » peut valoir 2279 ou 2,279 et aucune autre valeur" in msg, msg
