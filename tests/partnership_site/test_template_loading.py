"""Templates are compiled once per process: Django's cached loader is in use (issue 15).

Django enables it by default when TEMPLATES sets no ``loaders``; this fails if someone sets
loaders without it, which would make every page parse its templates again on every request.
"""

from django.template import engines
from django.template.loaders.cached import Loader as CachedLoader


def test_templates_load_through_the_cached_loader():
    loaders = engines["django"].engine.template_loaders
    assert len(loaders) == 1
    assert isinstance(loaders[0], CachedLoader)
