"""factory_boy factories for every model. Related objects are built consistently: a
response's partner belongs to its round's partnership, an answer's item to its framework.

Factories live in one module per area (users, frameworks, assessments); import them from
here or from the area's module.
"""

from tests.factories.assessments import (
    ActionItemFactory,
    AnswerFactory,
    CohortFactory,
    MembershipFactory,
    PartnerFactory,
    PartnershipFactory,
    ResponseFactory,
    RoundFactory,
    personal_link_token,
)
from tests.factories.frameworks import (
    DimensionFactory,
    FrameworkFactory,
    ItemFactory,
    ScoreBandFactory,
    build_framework,
)
from tests.factories.users import UserFactory

__all__ = [
    "ActionItemFactory",
    "AnswerFactory",
    "CohortFactory",
    "DimensionFactory",
    "FrameworkFactory",
    "ItemFactory",
    "MembershipFactory",
    "PartnerFactory",
    "PartnershipFactory",
    "ResponseFactory",
    "RoundFactory",
    "ScoreBandFactory",
    "UserFactory",
    "build_framework",
    "personal_link_token",
]
