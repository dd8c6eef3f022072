from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("listings", "0005_attachments_private_storage"),
        ("reference", "0001_initial"),
        ("accounts", "0003_interest_sectors_reference"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="listing",
                    name="sectors",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="listings",
                        to="reference.sector",
                        verbose_name="sectors",
                    ),
                ),
                migrations.DeleteModel(name="Sector"),
            ],
            database_operations=[],
        ),
    ]
