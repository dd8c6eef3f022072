from django.db import migrations


def load(apps, schema_editor):
    from marketplace.reference.loading import sectors_load

    sectors_load(apps.get_model("listings", "Sector"))


class Migration(migrations.Migration):
    dependencies = [("listings", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
