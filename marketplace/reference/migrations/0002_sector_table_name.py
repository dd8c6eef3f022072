from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reference", "0001_initial"),
        ("listings", "0006_sector_moves_to_reference"),
        ("accounts", "0003_interest_sectors_reference"),
    ]

    operations = [migrations.AlterModelTable(name="sector", table=None)]
