"""Documented defaults of the organisational tools: criteria, weights, thresholds, premises ratios.

Kept apart from :mod:`.catalogue` (which needs pandas) so that the algorithms can show them in
their parameters when the provider loads, without importing anything heavy.
"""

#: Criteria arguing FOR territorialisation (proximity).
FOR_CRITERIA = ("frequence_contact", "presence_terrain", "connaissance_locale", "implication_elus")
#: Criteria arguing for POOLING / centralisation.
AGAINST_CRITERIA = ("economies_echelle", "expertise_rare", "egalite_traitement", "cout_equipement")
CRITERIA = FOR_CRITERIA + AGAINST_CRITERIA

#: Default weights (reasoning in docs/organisation_tools.md):
#: - presence_terrain 1.5: a field intervention and a response time cannot be dematerialised,
#:   whereas a contact can partly move to phone / online;
#: - implication_elus 0.75: elected officials' involvement can also be organised through
#:   governance (territorial conferences, mayors' committees) without moving staff;
#: - expertise_rare 1.5: a scarce skill cannot be split into fractions of posts — spreading
#:   it loses competence and continuity (nobody covers absences): critical-mass argument;
#: - every other criterion 1.0 (neutral).
DEFAULT_WEIGHTS = {
    "frequence_contact": 1.0,
    "presence_terrain": 1.5,
    "connaissance_locale": 1.0,
    "implication_elus": 0.75,
    "economies_echelle": 1.0,
    "expertise_rare": 1.5,
    "egalite_traitement": 1.0,
    "cout_equipement": 1.0,
}

#: (low, high) on the -100..+100 score: score >= high -> territorialise, score <= low ->
#: centralise, in between -> mixed. +-20 = a one-point gap between the two weighted means
#: on the 0-5 scale (20 % of the scale): a clear lean, not a rounding effect.
DEFAULT_THRESHOLDS = (-20.0, 20.0)


#: Default ratios for sizing premises (reasoning in docs/organisation_tools.md).
DEFAULT_RATIOS = {
    # share of a 'mixed' service's staff placed in the territories (front office, field);
    # the rest stays in a central pole (expertise, back office). 'centralise' counts 0.
    "mixed_share": 0.5,
    # 12 m² of net usable area (SUN) per workstation: the State office norm (circulaire du
    # Premier ministre du 16 janvier 2009 on the State's real-estate policy, enforced by
    # France Domaine). Meeting rooms are counted separately below (margin for meetings
    # with elected officials and partners, which a State office norm does not cover).
    "m2_per_workstation": 12.0,
    # a desk per office agent; field agents share desks (1 per 5) for reports and e-mail —
    # same idea as the 'résident' notion of the circulaire of 8 February 2023.
    "desks_per_office_agent": 1.0,
    "desks_per_field_agent": 0.2,
    # visits to the territorial hub: 300 per 1,000 inhabitants per year (order of magnitude;
    # replace with counts from the reception register or queue-management software).
    "visits_per_1000_per_year": 300.0,
    "opening_days_per_year": 250.0,   # 5 days x 52 weeks minus ~10 public holidays
    "opening_hours_per_day": 7.0,
    "visit_minutes": 20.0,            # average time a visitor spends on site
    "peak_factor": 2.0,               # busiest hour vs average hour (Monday, morning peaks)
    "m2_per_visitor": 4.0,            # seat in the waiting area + share of counter / circulation
    "min_reception_m2": 20.0,         # a hall with a counter and a few seats
    "workstations_per_meeting_room": 15.0,
    "meeting_room_m2": 20.0,          # ~10 people at 2 m² each
    # changing rooms and showers (Code du travail, dirty work) ~3 m² + tools/materials ~5 m²
    "technical_m2_per_field_agent": 8.0,
    "technical_m2_per_site": 15.0,    # IT/network room, printing, current archives, cleaning
    "vehicles_per_field_agent": 0.5,  # field crews of two per vehicle
    "vehicles_per_office_agent": 0.05,  # pool cars
    "m2_per_parking_space": 25.0,     # 2.5 m x 5 m space + share of the access aisle
    # halls, corridors, toilets: net (SUN) -> gross usable (SUB). With the defaults,
    # (12 + ~1.3 meeting) x 1.25 ~ 16.6 m² SUB per workstation, in line with the State's
    # 2023 target of 16 m² SUB per resident.
    "circulation_share": 0.25,
}
