from django.apps import AppConfig


class PartnershipSiteConfig(AppConfig):
    name = "partnership_site"
    verbose_name = "Site"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from partnership_site.middleware import start_idle_timer

        user_logged_in.connect(start_idle_timer, dispatch_uid="start_idle_timer")
