"""Every OPTIMA algorithm run from its own QGIS Processing dialog, in the real desktop in French,
with the default temporary outputs ("[Créer une couche temporaire]"), as an officer does it:
opened, filled, run with the dialog's Run button (a QGIS task thread), then QGIS's own result
handling. It must end without QGIS's red "Les couches suivantes n'ont pas été générées
correctement" and without any other error. One QGIS session (conftest.desktop_dialogs); a QGIS
crash is reported for the algorithm whose dialog was running."""
import pytest

#: every algorithm the probe runs from its dialog with the default temporary outputs
ALGORITHMS = [
    "optima:check_dependencies",
    "optima:load_french_communes",
    "optima:adjacency_network",
    "optima:build_road_graph",
    "optima:travel_time_matrix",
    "optima:cluster_territories",
    "optima:locate_service_sites",
    "optima:territory_indicators",
    "optima:compare_scenarios",
    "optima:territorialisation_report",
    "optima:score_services",
    "optima:territorialisation",
]


def _row(desktop_dialogs, alg_id):
    rows = desktop_dialogs.get("dialogs") or {}
    assert "probe_error" not in desktop_dialogs, desktop_dialogs.get("probe_error")
    if alg_id not in rows:
        if desktop_dialogs.get("_crashed"):
            last = list(rows)[-1] if rows else None
            how = "hung" if desktop_dialogs.get("_hung") else f"died (exit {desktop_dialogs.get('_exit')})"
            pytest.fail(f"QGIS {how} after {last}, before {alg_id}:\n"
                        + desktop_dialogs.get("_stdout", "")[-9000:])
        pytest.fail(f"{alg_id} was not run by the probe")
    row = rows[alg_id]
    if row.get("skipped"):
        pytest.skip(f"{alg_id}: {row['skipped']}")
    return row


@pytest.mark.parametrize("alg_id", ALGORITHMS)
def test_dialog_with_default_outputs_finishes_cleanly(desktop_dialogs, alg_id):
    row = _row(desktop_dialogs, alg_id)
    assert row["opened"] and row["ended"], row
    assert not row.get("error"), row.get("error")
    assert not row["red_not_generated"], row["errors"]
    assert row["outputs_handled_ok"] is True, row
    assert row["errors"] == [], row["errors"]


@pytest.mark.parametrize("alg_id", list(ALGORITHMS))
def test_dialog_runs_the_algorithm(desktop_dialogs, alg_id):
    """Whatever the result handling says, the algorithm itself ran to its end from the dialog
    (QGIS did not crash, no Python error, no failure message of the algorithm)."""
    row = _row(desktop_dialogs, alg_id)
    assert row["opened"] and row["ended"], row
    assert not row.get("error"), row.get("error")
    failures = [e for e in row.get("errors", []) if "correct" not in e]
    assert not failures, failures
    assert "Traceback" not in row.get("log_tail", ""), row["log_tail"]


def test_loaded_layers_carry_readable_names(desktop_dialogs):
    """Layers loaded at the end have the outputs' labels, also those of the model (whose loaded
    layers QGIS names after the model outputs, "COMMUNES", "TERRITORIES")."""
    row = _row(desktop_dialogs, "optima:territorialisation")
    assert row["new_layers"] == ["Communes avec indicateurs d'accès", "Sites avec leur charge",
                                 "Territoires avec indicateurs"], row["new_layers"]
    for alg_id, r in (desktop_dialogs.get("dialogs") or {}).items():
        ids = [n for n in r.get("new_layers", []) if n.replace("_", "").isupper()]
        assert not ids, (alg_id, ids)
