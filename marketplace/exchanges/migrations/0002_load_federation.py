from django.db import migrations


def load(apps, schema_editor):
    from marketplace.exchanges.reference import federation_load

    federation_load(apps.get_model("exchanges", "Exchange"), apps.get_model("exchanges", "Province"))


class Migration(migrations.Migration):
    dependencies = [("exchanges", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
