from django.apps import AppConfig


class FrameworksConfig(AppConfig):
    name = "frameworks"
    verbose_name = "Framework library"

    def ready(self):
        from frameworks import guards

        guards.connect()
