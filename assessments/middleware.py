from assessments.views.questionnaire.access import store_guest_links


class GuestLinksMiddleware:
    """Keeps guests' private resume links in their own browser, never on the server."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        store_guest_links(request, response)
        return response
