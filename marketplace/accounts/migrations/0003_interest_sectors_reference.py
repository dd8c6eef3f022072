from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_initial"),
        ("reference", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="organisation",
                    name="interest_sectors",
                    field=models.ManyToManyField(
                        blank=True,
                        limit_choices_to={"parent__isnull": False},
                        related_name="+",
                        to="reference.sector",
                        verbose_name="sectors of interest",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
