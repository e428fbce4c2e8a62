"""Checks whose messages name the culprits by the user's own values (identifiers, field values),
run in the algorithm layer before the core, which only knows internal indices."""
from __future__ import annotations

from ..optima_plugin.i18n import tr


def label_key(v):
    from ..optima_plugin.core.values import label_key as _k  # numpy: imported when used
    return _k(v)


def few(labels, k=10):
    labels = [str(x) for x in labels]
    return ", ".join(labels[:k]) + (f" … (+{len(labels) - k})" if len(labels) > k else "")


def feature_label(layer_data, row):
    """'feature id 3 (H1)': the feature id and its first non-empty text attribute."""
    fid = layer_data.fids[row]
    for v in layer_data.raw_attrs[row] if layer_data.raw_attrs else []:
        k = label_key(v) if not hasattr(v, "isNull") else None
        if k:
            return tr("feature id {} ({})").format(fid, k)
    return tr("feature id {}").format(fid)


def hub_problems(hub_data, commune_idx, dist_m, commune_ids):
    """(warning or "", error or "") for HUBS located in the communes: hubs outside every commune are
    named with their distance and the commune used; two hubs in one commune are an error naming
    both hubs and the commune (and saying they are outside the communes when they are)."""
    warn, err = "", ""
    outside = [i for i, d in enumerate(dist_m) if d > 0]
    if outside:
        worst = max(float(dist_m[i]) for i in outside)
        warn = tr("HUBS: {} hub(s) outside every commune (up to {:.1f} km away): {}. The nearest commune is used; "
                  "check the hubs layer (same area, same CRS).").format(
            len(outside), worst / 1000.0,
            few([tr("{} -> {} ({:.1f} km)").format(feature_label(hub_data, i), commune_ids[int(commune_idx[i])],
                                                    float(dist_m[i]) / 1000.0) for i in outside]))
    by_commune = {}
    for i, c in enumerate(commune_idx):
        by_commune.setdefault(int(c), []).append(i)
    clashes = [(c, hs) for c, hs in by_commune.items() if len(hs) > 1]
    if clashes:
        parts = [tr("{} all fall in commune {}").format(" + ".join(feature_label(hub_data, h) for h in hs),
                                                         commune_ids[c]) for c, hs in clashes[:5]]
        far = [h for _, hs in clashes for h in hs if dist_m[h] > 0]
        err = tr("HUBS: two hubs fall in the same commune: {}.").format("; ".join(parts))
        if far:
            err += " " + tr("{} of them lie outside every commune (up to {:.1f} km away) and were moved to the "
                            "nearest one: check the hubs layer (same area, same CRS).").format(
                len(far), max(float(dist_m[h]) for h in far) / 1000.0)
        else:
            err += " " + tr("Give one hub per territory, each in its own commune.")
    return warn, err


def lock_group_conflicts(kw_field, kw_values, lock_field, lock_values, ids):
    """Raise InputError when a keep-whole group holds communes locked to different territories,
    naming the group, the lock values and the communes by their identifiers."""
    groups = {}
    for i, (g, lk) in enumerate(zip(kw_values, lock_values)):
        gk, lkk = label_key(g), label_key(lk)
        if gk is None or lkk is None:
            continue
        groups.setdefault(gk, {}).setdefault(lkk, []).append(ids[i])
    bad = [(g, locks) for g, locks in groups.items() if len(locks) > 1]
    if bad:
        from ..optima_plugin.core.errors import InputError
        parts = []
        for g, locks in bad[:5]:
            parts.append(tr("group '{}' of {} holds communes locked to {}").format(
                g, kw_field, ", ".join(tr("'{}' ({})").format(v, few(c, 4)) for v, c in sorted(locks.items()))))
        raise InputError(tr("{} and {} disagree: {}. A group kept whole cannot be split between territories: "
                            "lock its communes to one territory.").format(kw_field, lock_field, "; ".join(parts)))
