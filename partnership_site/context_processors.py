from django.conf import settings

from partnership_site.permissions import is_facilitator


def service(request):
    """Values every page needs: the service name for the header and title, and whether the
    header links to the facilitator dashboard (a callable: the template asks only when it
    draws the navigation for someone signed in)."""
    return {
        "service_name": settings.SERVICE_NAME,
        "shows_dashboard": lambda: is_facilitator(request.user),
    }
