"""The demo's content: partnerships, their partner organisations and how each leans, for
``manage.py seed_demo``. Plain data, no queries."""

from assessments.models import OrganisationType, PartnershipKind, RespondentRole

DEMO_FRAMEWORKS = ["barriers-to-collaboration", "partnership-values", "readiness-for-change"]

# The change every demo round asks about (Readiness for change needs one named).
DEMO_CHANGE = "One care co-ordination team shared by all our practices"

# The role most people from each kind of organisation answer in, in the demo PCN.
ORGANISATION_ROLES = {
    OrganisationType.GP_PRACTICE: RespondentRole.CLINICAL,
    OrganisationType.COMMUNITY_TRUST: RespondentRole.OPERATIONAL,
    OrganisationType.VCSE: RespondentRole.COMMUNITY,
}

# name, kind, population, region, [(partner, type, ods, respondents, leaning)]
# "leaning" shifts a partner's answers so partners genuinely disagree in places.
PARTNERSHIPS = [
    (
        "Riverside Primary Care Network",
        PartnershipKind.PCN,
        41_500,
        "NHS Devon ICB",
        [
            ("Riverside Medical Centre", OrganisationType.GP_PRACTICE, "L83001", 4, 0.6),
            ("Harbour View Surgery", OrganisationType.GP_PRACTICE, "L83002", 3, 0.3),
            ("Old Mill Health Centre", OrganisationType.GP_PRACTICE, "L83003", 4, 0.0),
            ("St Anne's Practice", OrganisationType.GP_PRACTICE, "L83004", 3, -0.2),
            ("Westgate Family Practice", OrganisationType.GP_PRACTICE, "L83005", 3, 0.4),
            ("Parkside Group Practice", OrganisationType.GP_PRACTICE, "L83006", 2, -0.9),
            ("Devon Community Health Trust", OrganisationType.COMMUNITY_TRUST, "RDC", 4, -1.1),
            ("Riverside Community Connect (VCSE)", OrganisationType.VCSE, "", 3, -0.6),
        ],
    ),
    (
        "Moorside Place Partnership",
        PartnershipKind.PLACE,
        212_000,
        "NHS Devon ICB",
        [
            (
                "Moorside City Council Adult Social Care",
                OrganisationType.LOCAL_AUTHORITY,
                "",
                4,
                -0.3,
            ),
            ("Moorside University Hospitals", OrganisationType.ACUTE_TRUST, "RMH", 5, 0.2),
            (
                "Moorside Mental Health Partnership",
                OrganisationType.MENTAL_HEALTH_TRUST,
                "",
                3,
                0.0,
            ),
            ("Moorside Voluntary Action", OrganisationType.VCSE, "", 3, -0.8),
        ],
    ),
    (
        "Coastal Provider Collaborative",
        PartnershipKind.PROVIDER_COLLABORATIVE,
        None,
        "NHS Cornwall and Isles of Scilly ICB",
        [
            ("Coastal Community Care", OrganisationType.COMMUNITY_TRUST, "", 3, 0.5),
            ("Kernow Ambulance Service", OrganisationType.AMBULANCE, "", 3, 0.1),
            ("Seaside Care Homes Ltd", OrganisationType.PRIVATE_PROVIDER, "", 3, -0.4),
        ],
    ),
    # Three smaller partnerships, so the demo cohort holds six: a benchmark is shown only
    # when at least five partnerships have a result (reports.benchmark.BENCHMARK_MINIMUM).
    (
        "Estuary Primary Care Network",
        PartnershipKind.PCN,
        36_800,
        "NHS Devon ICB",
        [
            ("Estuary Health Centre", OrganisationType.GP_PRACTICE, "L83011", 4, 0.2),
            ("Quayside Surgery", OrganisationType.GP_PRACTICE, "L83012", 3, -0.1),
            ("Lighthouse Medical Practice", OrganisationType.GP_PRACTICE, "L83013", 3, 0.5),
        ],
    ),
    (
        "Tamar Valley Primary Care Network",
        PartnershipKind.PCN,
        44_200,
        "NHS Cornwall and Isles of Scilly ICB",
        [
            ("Tamar Valley Practice", OrganisationType.GP_PRACTICE, "L82021", 3, -0.5),
            ("Bridge Street Surgery", OrganisationType.GP_PRACTICE, "L82022", 3, 0.0),
            ("Tamar Community Support (VCSE)", OrganisationType.VCSE, "", 3, -0.9),
        ],
    ),
    (
        "Northmoor Integrated Care Partnership",
        PartnershipKind.PLACE,
        158_000,
        "NHS Devon ICB",
        [
            ("Northmoor District Council", OrganisationType.LOCAL_AUTHORITY, "", 3, 0.1),
            ("Northmoor Community Services", OrganisationType.COMMUNITY_TRUST, "", 3, 0.4),
            ("Northmoor Carers' Network", OrganisationType.VCSE, "", 3, -0.3),
        ],
    ),
]

COMMENTS = [
    "We discussed this at the last board meeting and views differed.",
    "Practice managers meet monthly, which helps.",
    "Clinical time for partnership meetings is hard to find.",
    "The shared care record project showed what we can do together.",
    "Some partners only hear about decisions after they are made.",
    "New staff are not always told who to contact in other organisations.",
]

COHORT = (
    "Devon and Cornwall PCN development programme",
    "South West",
    "Primary care networks and their partners in Devon and Cornwall working through the "
    "partnership development programme together.",
)

REFLECTIONS = [
    "Our best experience was the winter vaccination clinic run across three practices.",
    "It works when we start with 'how can we help?' rather than who pays.",
]
