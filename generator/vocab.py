"""Closed vocabularies shared by the answers model, the catalogue and the derive step.

Each value is an identifier; its wording lives in the gettext catalogs (``locales/``), so the
same identifier reads naturally in every language.
"""

from __future__ import annotations

from typing import Literal, get_args

LegalForm = Literal[
    "sp_zoo",
    "sa",
    "spolka_jawna",
    "spolka_komandytowa",
    "spolka_partnerska",
    "sole_trader",
    "foundation",
    "association",
    "foreign_company",
]
#: Polish forms entered in the KRS register (sole traders are in CEIDG instead).
KRS_FORMS = frozenset(
    {
        "sp_zoo",
        "sa",
        "spolka_jawna",
        "spolka_komandytowa",
        "spolka_partnerska",
        "foundation",
        "association",
    }
)
CAPITAL_FORMS = frozenset({"sp_zoo", "sa"})

Basis = Literal["consent", "contract", "legal_obligation", "vital_interests", "public_task", "legitimate_interest"]

DataCategory = Literal[
    "identity",
    "contact",
    "email_address",
    "phone_number",
    "postal_address",
    "company_data",
    "ip_address",
    "device_data",
    "online_identifiers",
    "usage_data",
    "approximate_location",
    "order_data",
    "payment_data",
    "delivery_data",
    "account_credentials",
    "correspondence",
    "preferences",
    "webinar_participation",
    "image_voice",
    "comment_content",
    "survey_answers",
    "billing_data",
    "support_requests",
    "customer_content",
    "public_profile",
    "profile_posts",
    "consent_records",
    "candidate_data",
    "application_extra",
    "application_documents",
    "session_activity",
    "child_photo",
    "child_first_name",
    "child_age",
    "business_contact",
    "job_position",
    "pickup_data",
    "server_logs",
]

#: Data about a child that someone else (a parent or guardian) gives us: the "children" section speaks of them.
CHILD_DATA = ("child_photo", "child_first_name", "child_age")

#: The forms on a website that collect personal data, in the order their short notices are listed
#: (``policygen notices``); a purpose names its form in ``collected_via`` (data/purposes.yaml).
FormId = Literal[
    "contact_form",
    "newsletter_signup",
    "registration",
    "checkout",
    "comment_form",
    "webinar_signup",
    "job_application",
]
FORMS: tuple[str, ...] = get_args(FormId)
#: A custom purpose's value of ``collected_via`` for a form of its own (its own short notice).
OWN_FORM = "own_form"

ServiceCategory = Literal[
    "analytics",
    "tag_management",
    "advertising",
    "embed",
    "security",
    "newsletter",
    "payments",
    "delivery",
    "hosting",
    "shop_platform",
    "accounting",
    "communication",
    "crm",
    "chat",
    "scheduling",
    "webinar",
    "reviews",
    "social",
    "consent",
    "session_recording",
    "forms",
    "marketplace",
    "recruitment",
]

#: Categories of tools that run on the website itself (scripts, pixels, embeds, widgets), so that
#: storing or reading information on the visitor's device (art. 399 PKE, Art. 5(3) ePrivacy) is
#: their normal way of working.
ON_SITE: frozenset[str] = frozenset(
    {"analytics", "tag_management", "advertising", "embed", "security", "chat", "consent", "session_recording"}
)

Role = Literal["processor", "controller", "joint_controller"]

Mechanism = Literal["adequacy", "dpf", "scc", "bcr"]

SecurityMeasure = Literal[
    "tls",
    "access_control",
    "two_factor",
    "backups",
    "encryption_at_rest",
    "pseudonymisation",
    "staff_training",
    "logging",
    "updates",
]

RecipientCategory = Literal[
    "accounting_office",
    "legal_advisers",
    "it_services",
    "debt_collection",
    "auditors",
    "postal_operators",
    "marketing_agencies",
    "couriers",
    "pickup_points",
    "public_authorities",
]

#: Recipients the policy names in a sentence of their own instead of the list of other recipients.
OWN_SENTENCE_RECIPIENTS = frozenset({"public_authorities"})

#: EEA member states (EU 27 + Iceland, Liechtenstein, Norway). GDPR applies in all of them.
EEA = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "HU",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
        "IS",
        "LI",
        "NO",
    ]
)


#: The features a service of each category needs (any one of them): without one, the service
#: would serve no purpose in the policy.
CATEGORY_FEATURE: dict[str, tuple[str, ...]] = {
    "payments": ("shop", "saas"),
    "accounting": ("shop", "saas"),
    "delivery": ("shop",),
    "shop_platform": ("shop",),
    "newsletter": ("newsletter",),
    "webinar": ("webinars",),
    "social": ("social_media",),
    "chat": ("contact",),
    "crm": ("contact",),
    "scheduling": ("contact",),
    "reviews": ("surveys",),
    "forms": ("contact", "surveys"),
    "marketplace": ("shop",),
    "recruitment": ("recruitment",),
}

#: Order of sections; a section is left out when ``_sections`` says it does not apply.
SECTION_ORDER = (
    "summary",
    "controller",
    "purposes",
    "recipients",
    "transfers",
    "cookies",
    "rights",
    "objection",
    "complaint",
    "automated-decisions",
    "processor",
    "children",
    "special-categories",
    "security",
    "requests",
    "changes",
)
