"""The demo: `manage.py seed_demo` and its data, beside the house (nothing in the product
imports it). The data lives in demo/data/ and enters through the services users use:

    data/staff.json            the platform superuser and the exchanges' staff
    data/organisations.jsonl   one organisation a line, with its owner and second member
    data/listings.jsonl        one listing a line in the listing exchange format, plus its
                               demo plan under the key "demo" (see demo.listings)

    context   what a run shares: the summary it prints, the password, the data files
    people    federation, staff, organisations and their users
    listings  offers and needs through the import and the life-cycle services, then their past
    seed      the steps of a run, the counts and log-ins it prints, `demo_seed`
"""
