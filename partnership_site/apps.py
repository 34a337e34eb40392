from django.apps import AppConfig


class PartnershipSiteConfig(AppConfig):
    name = "partnership_site"
    verbose_name = "Site"
