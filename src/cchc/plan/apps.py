from django.apps import AppConfig


class PlanConfig(AppConfig):
    name = "cchc.plan"
    label = "plan"
    verbose_name = "Kế hoạch cải cách hành chính"
