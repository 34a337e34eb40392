from django.conf import settings


def service(request):
    """Values every page needs: the service name for the header and title."""
    return {"service_name": settings.SERVICE_NAME}
