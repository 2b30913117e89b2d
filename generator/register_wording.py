"""The wording of the record of processing activities (Art. 30 GDPR) that the policy does not have.

Everything the policy also says (purposes, data categories, bases, recipients' roles, transfer
mechanisms, retention rules, security measures) is worded by ``wording.py`` and ``retention.py``,
the same message ids the templates use; here are only the record's own column titles, headings
and phrases. These are policy text (domain ``policy``, extracted through ``babel.cfg``), so every
policy language has them.
"""

from __future__ import annotations

from .i18n import N_

#: The categories of data subjects (ids of ``data/register.yaml``).
SUBJECT: dict[str, str] = {
    "visitors": N_("visitors to our website"),
    "enquirers": N_("people who contact us"),
    "business_contacts": N_("contact persons at our business clients"),
    "account_holders": N_("users who have an account on our website"),
    "customers": N_("customers"),
    "order_recipients": N_("recipients of orders named by the buyer"),
    "children": N_("children whose data their parents or legal guardians give us with an order"),
    "service_users": N_("customers of our service and the people who use it on their behalf"),
    "claim_parties": N_("customers and other people with whom a claim may arise"),
    "subscribers": N_("newsletter subscribers"),
    "webinar_participants": N_("webinar participants"),
    "commenters": N_("people who post comments"),
    "respondents": N_("people who take part in our surveys"),
    "candidates": N_("job candidates"),
    "form_users": N_("people who send our forms"),
    "social_followers": N_("people who interact with our social media profiles"),
    "customers_and_users": N_("our customers and the users of our services"),
    "decision_subjects": N_("the people about whom the automated decision is made"),
}

RECORD = N_("Record of processing activities")
CONTROLLER_TITLE = N_("Record of processing activities of the controller (Art. 30(1) GDPR)")
PROCESSOR_TITLE = N_(
    "Record of all categories of processing activities carried out on behalf of controllers (Art. 30(2) GDPR)"
)
#: Sheet names (at most 31 characters, no [ ] : * ? / \).
CONTROLLER_SHEET = N_("Controller")
PROCESSOR_SHEET = N_("Processor")

LABEL_CONTROLLER = N_("Controller")
LABEL_PROCESSOR = N_("Processor")
LABEL_DATE = N_("Date of the record")
LABEL_NOTE = N_("Note")
DRAFT_NOTE = N_(
    "A draft made by policygen from the same answers file as the privacy policy. Review it, complete what it "
    "marks as to be completed, and keep it up to date."
)

NUMBER = N_("No.")
CONTROLLER_COLUMNS: tuple[str, ...] = (
    NUMBER,
    N_("Controller and contact details (Art. 30(1)(a) GDPR)"),
    N_("Purpose of the processing (Art. 30(1)(b) GDPR)"),
    N_("Legal basis"),
    N_("Categories of data subjects (Art. 30(1)(c) GDPR)"),
    N_("Categories of personal data (Art. 30(1)(c) GDPR)"),
    N_("Categories of recipients (Art. 30(1)(d) GDPR)"),
    N_("Transfers to third countries and their safeguards (Art. 30(1)(e) GDPR)"),
    N_("Time limits for erasure (Art. 30(1)(f) GDPR)"),
    N_("Technical and organisational security measures (Art. 30(1)(g) GDPR)"),
)
PROCESSOR_COLUMNS: tuple[str, ...] = (
    NUMBER,
    N_("Processor and contact details (Art. 30(2)(a) GDPR)"),
    N_("Controllers on whose behalf we act (Art. 30(2)(a) GDPR)"),
    N_("Categories of processing carried out on behalf of each controller (Art. 30(2)(b) GDPR)"),
    N_("Other processors we use (sub-processors) (Art. 30(2)(a) GDPR)"),
    N_("Transfers to third countries and their safeguards (Art. 30(2)(c) GDPR)"),
    N_("Technical and organisational security measures (Art. 30(2)(d) GDPR)"),
)

JOINT_CONTROLLERS = N_("Joint controllers (Art. 26 GDPR):")
CONTACT_POINT = N_("Contact point for data subjects: %(name)s")
DPO = N_("Data Protection Officer: %(dpo)s")
REPRESENTATIVE = N_("Representative in the Union (Art. 27 GDPR): %(representative)s")

RECIPIENT = N_("%(entity)s (%(service)s): %(role)s")
OTHER_RECIPIENTS = N_("Where needed also: %(categories)s")
KSEF = N_(
    "the Head of the National Revenue Administration (Szef Krajowej Administracji Skarbowej), who runs the "
    "National e-Invoice System (KSeF): the invoices issued through it"
)
SELLERS = N_("the sellers (%(sellers)s), each an independent controller of the orders it receives")
NO_RECIPIENTS = N_("none: the data are not disclosed outside our organisation")

TRANSFER = N_("%(country)s: %(recipient)s (%(service)s); %(mechanism)s")
TRANSFER_UNVERIFIED = N_(
    "%(service)s: may transfer data outside the EEA through subcontractors, only with a safeguard of Chapter V "
    "GDPR; the countries and the safeguard are not verified: to be completed from the provider's data processing "
    "terms"
)
TRANSFER_CONTROLLER = N_(
    "%(service)s: an independent controller, which decides itself on transfers outside the EEA and their safeguards"
)
NO_TRANSFERS = N_("none: no recipient transfers the data to a third country or an international organisation")

SECURITY = N_("Measures appropriate to the risk (Art. 32 GDPR), in particular: %(measures)s")
SECURITY_MISSING = N_(
    "To be completed: the answers file lists no security measures; describe the technical and organisational "
    "measures you apply (Art. 32(1) GDPR)"
)
SUBJECTS_MISSING = N_("To be completed: the categories of people whose data are processed for this purpose")

CUSTOMERS = N_(
    "Our customers who use the service, each as a controller under the data processing agreement (%(url)s). "
    "To be completed: the name and contact details of each customer, and of its representative and data "
    "protection officer where it has them"
)
CUSTOMERS_NO_URL = N_(
    "Our customers who use the service, each as a controller under the data processing agreement we conclude "
    "with it. To be completed: the name and contact details of each customer, and of its representative and data "
    "protection officer where it has them"
)
PROCESSING_FOR_CUSTOMERS = N_(
    "Providing our service: storing and otherwise processing, on the customer's documented instructions "
    "(Art. 28(3) GDPR), the personal data the customer puts into the service (for example data of its own clients "
    "or employees)"
)
SUBPROCESSORS_CHECK = N_(
    "Compare with the list of sub-processors in the data processing agreement: these are the processors the "
    "answers file names for the service and for the infrastructure"
)
NO_SUBPROCESSORS = N_("To be completed: the answers file names no processor for the service")

# Message ids the policy's templates also use (the same wording and translations).
EMAIL = N_("e-mail: %(email)s")
PHONE = N_("phone: %(phone)s")
WEBSITE = N_("website: %(url)s")
BASIS = N_("%(basis)s (%(cite)s)")
BASIS_INTEREST = N_("%(basis)s; our legitimate interest is %(interest)s")
BASIS_OBLIGATION = N_("%(basis)s: %(obligation)s")
BASIS_CONSENT_LAW = N_("%(basis)s; %(rule)s")
UNNAMED_COUNTRIES = N_("countries outside the EEA (not listed individually)")
ALSO_DPF = N_("%(mechanism)s; the recipient is also on the Data Privacy Framework List")
