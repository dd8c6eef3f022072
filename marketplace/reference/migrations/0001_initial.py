# The sector table moves here from listings (where 0001/0002 created and filled it as
# "listings_sector"): first the model's state only, pointing at the existing table; 0002 then
# renames the table once listings and accounts point at this model.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [("listings", "0005_attachments_private_storage")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Sector",
                    fields=[
                        (
                            "code",
                            models.CharField(
                                max_length=3,
                                primary_key=True,
                                serialize=False,
                                verbose_name="code",
                            ),
                        ),
                        ("name_vi", models.CharField(max_length=200, verbose_name="Vietnamese name")),
                        ("name_en", models.CharField(max_length=200, verbose_name="English name")),
                        (
                            "parent",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="children",
                                to="reference.sector",
                                verbose_name="field",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "sector",
                        "verbose_name_plural": "sectors",
                        "ordering": ["code"],
                        "db_table": "listings_sector",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
