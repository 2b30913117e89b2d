"""Legal vocabulary: identifiers → English message ids, translated in ``locales/<lang>``.

Only short, reusable terms live here (labels, citations, retention phrases). The prose of the
clauses is in the templates. Placeholders use named ``%(…)s`` parameters.
"""

from __future__ import annotations

from .i18n import N_, N_plural

DATA: dict[str, str] = {
    "identity": N_("full name"),
    "contact": N_("contact details (e-mail address, phone number)"),
    "email_address": N_("e-mail address"),
    "phone_number": N_("phone number"),
    "postal_address": N_("postal or delivery address"),
    "company_data": N_("company details (business name, tax identification number)"),
    "ip_address": N_("IP address"),
    "device_data": N_("device and browser information (type, operating system, language)"),
    "online_identifiers": N_("online identifiers (cookie and device identifiers)"),
    "usage_data": N_("information on how you use the website (pages viewed, clicks, time of visit)"),
    "server_logs": N_(
        "server log entries (IP address, time of the request, requested URL, the browser's user agent and the "
        "response status)"
    ),
    "approximate_location": N_("approximate location derived from the IP address"),
    "order_data": N_("order details (products, amounts, dates)"),
    "payment_data": N_("payment details (amount, status, transaction identifier)"),
    "delivery_data": N_("delivery details (delivery address, parcel locker, shipment number)"),
    "account_credentials": N_("account login data (e-mail address, password stored as a hash)"),
    "correspondence": N_("the content of correspondence"),
    "preferences": N_("your subscription preferences"),
    "webinar_participation": N_("participation details (registration, attendance, questions asked)"),
    "image_voice": N_("image and voice"),
    "comment_content": N_("the content of your comment and the name you sign it with"),
    "survey_answers": N_("your survey answers"),
    "billing_data": N_("invoicing details"),
    "support_requests": N_("the content of support requests"),
    "customer_content": N_("data that customers put into the service"),
    "public_profile": N_("your public profile data"),
    "profile_posts": N_("your posts and comments on our profile"),
    "consent_records": N_("records of your consent (when and how it was given or withdrawn)"),
    "candidate_data": N_(
        "name, date of birth, contact details, education, professional qualifications and employment history"
    ),
    "application_extra": N_("other data you include in your application or CV (for example a photo or interests)"),
    "application_documents": N_("your application with the documents you sent (such as a CV and a cover letter)"),
    "session_activity": N_(
        "what you do on the website: mouse movements, clicks, scrolling and the pages you view, recorded as a "
        "replay of your visit and combined into heatmaps"
    ),
    "child_photo": N_("the child's photo (image)"),
    "child_first_name": N_("the child's first name"),
    "child_age": N_("the child's age"),
    "business_contact": N_("business contact details (e-mail address, phone number)"),
    "job_position": N_("your position at the organisation you work for"),
    "pickup_data": N_("the pickup point you choose for your order"),
}

BASIS: dict[str, str] = {
    "consent": N_("your consent"),
    "contract": N_("performance of a contract with you, or steps taken at your request before entering into it"),
    "legal_obligation": N_("a legal obligation we are subject to"),
    "vital_interests": N_("protection of your vital interests or those of another person"),
    "public_task": N_("a task carried out in the public interest"),
    "legitimate_interest": N_("our legitimate interest"),
}

CITE: dict[str, str] = {
    "consent": N_("Art. 6(1)(a) GDPR"),
    "contract": N_("Art. 6(1)(b) GDPR"),
    "legal_obligation": N_("Art. 6(1)(c) GDPR"),
    "vital_interests": N_("Art. 6(1)(d) GDPR"),
    "public_task": N_("Art. 6(1)(e) GDPR"),
    "legitimate_interest": N_("Art. 6(1)(f) GDPR"),
}

INTEREST: dict[str, str] = {
    "site_security": N_("keeping the website secure and working, and finding the causes of errors and attacks"),
    "answering_messages": N_("answering your message and keeping a record of our correspondence"),
    "claims": N_("establishing, pursuing and defending legal claims"),
    "comments": N_("running a discussion under our articles and moderating it"),
    "service_quality": N_("learning what our customers think so that we can improve our offer"),
    "tailoring_offers": N_("showing you offers that match your interests"),
    "social_presence": N_("presenting our business on social media and talking to the people who follow it"),
    "abuse_prevention": N_("protecting our forms against spam and automated abuse"),
    "direct_marketing": N_("direct marketing of our own products and services"),
    "delivering_to_recipient": N_("delivering the order to the person the buyer named as its recipient"),
    "personalised_products": N_(
        "making and delivering the personalised product that the child's parent or legal guardian ordered from us"
    ),
    "business_contacts": N_(
        "working with our business clients and keeping in touch with them through the people they name as contacts"
    ),
}

OBLIGATION: dict[str, str] = {
    "automated_decision_law": N_("the law that authorises the decision and lays down safeguards (Art. 22(2)(b) GDPR)"),
    "tax_accounting": N_(
        "issuing invoices and keeping accounting and tax records (Act of 29 September 1994 on accounting, "
        "Tax Ordinance Act of 29 August 1997)"
    ),
    "tax_accounting_generic": N_(
        "issuing invoices and keeping accounting and tax records under the applicable tax law"
    ),
    "tax_records_kpir": N_(
        "issuing invoices and keeping tax records in the revenue and expense ledger "
        "(Tax Ordinance Act of 29 August 1997)"
    ),
    "tax_records_lump_sum": N_(
        "issuing invoices and keeping the record of revenue required of those who pay the lump-sum tax on "
        "recorded revenue (Tax Ordinance Act of 29 August 1997)"
    ),
    "consumer_law": N_(
        "handling complaints and withdrawals from contracts (Act of 30 May 2014 on consumer rights, Civil Code)"
    ),
    "consumer_law_generic": N_("handling complaints and withdrawals from contracts under consumer law"),
    "demonstrate_consent": N_("being able to demonstrate that you consented (Art. 7(1) GDPR)"),
    "candidate_data": N_(
        "collecting the data an employer may require from a job candidate (Art. 22¹ § 1 of the Labour Code)"
    ),
    "candidate_data_generic": N_(
        "collecting the data an employer may require from a job candidate under the applicable employment law"
    ),
}

CONSENT_LAW: dict[str, str] = {
    "pke_399": N_(
        "storing information on your device or reading it from there also requires your consent under "
        "Art. 399 of the Electronic Communications Law of 12 July 2024"
    ),
    "pke_398": N_(
        "sending commercial information by e-mail also requires your consent under "
        "Art. 398 of the Electronic Communications Law of 12 July 2024"
    ),
    "eprivacy": N_(
        "storing information on your device or reading it from there also requires your consent under the "
        "national rules implementing Art. 5(3) of Directive 2002/58/EC (ePrivacy)"
    ),
    "eprivacy_marketing": N_(
        "sending commercial information by e-mail also requires your consent under the national rules "
        "implementing Art. 13 of Directive 2002/58/EC (ePrivacy)"
    ),
    "kp_221a": N_(
        "under Art. 22¹a of the Labour Code we may process data beyond those listed in its Art. 22¹ only with your "
        "consent, and refusing or withdrawing it may not lead to any unfavourable treatment"
    ),
    "employment_generic": N_("refusing or withdrawing your consent does not count against your application"),
}

PURPOSE: dict[str, str] = {
    "website": N_("Displaying the website and keeping server logs"),
    "contact": N_("Answering your messages"),
    "account": N_("Running your user account"),
    "orders": N_("Processing and delivering orders"),
    "payments": N_("Handling payments"),
    "consumer_rights": N_("Complaints and withdrawals from contracts"),
    "saas_contract": N_("Providing our service under the contract"),
    "support": N_("Customer support"),
    "invoices": N_("Invoices and accounting"),
    "claims": N_("Establishing, pursuing and defending claims"),
    "newsletter": N_("Sending the newsletter"),
    "webinars": N_("Organising webinars"),
    "webinar_recording": N_("Recording webinars"),
    "comments": N_("Publishing comments"),
    "surveys": N_("Satisfaction surveys"),
    "analytics": N_("Website statistics"),
    "session_recording": N_("Session recordings and heatmaps"),
    "marketing": N_("Online advertising"),
    "embeds": N_("Embedded content from other websites"),
    "security": N_("Protecting forms against spam"),
    "social_media": N_("Our social media profiles"),
    "consent_records": N_("Remembering your cookie choices"),
    "profiling": N_("Tailoring our offers to you (profiling)"),
    "job_applications": N_("Considering your job application"),
    "application_extra_data": N_("Considering additional data in your application"),
    "future_recruitment": N_("Considering your application in future recruitment"),
    "order_recipients": N_("Delivering orders to a recipient named by the buyer"),
    "child_data": N_("Personalising products with a child's data"),
    "business_contacts": N_("Contact persons at our business clients"),
    "intermediary_orders": N_("Passing your orders to the sellers"),
    "seller_requests": N_("Passing your complaints and withdrawals to the sellers"),
    "intermediary_accounting": N_("Accounting for the payments we accept for the sellers"),
}

#: What happens if the person does not give the data (Art. 13(2)(e)).
CONSEQUENCE: dict[str, str] = {
    "website": N_("without these data the website cannot be displayed"),
    "contact": N_("without them we cannot answer you"),
    "account": N_("without them we cannot create an account for you"),
    "orders": N_("without them we cannot accept and deliver your order"),
    "payments": N_("without them we cannot accept your payment"),
    "consumer_rights": N_("without them we cannot handle your complaint or withdrawal"),
    "saas_contract": N_("without them we cannot provide the service"),
    "support": N_("without them we cannot help you"),
    "invoices": N_("without them we cannot issue an invoice"),
    "claims": N_("we use data we already hold"),
    "newsletter": N_("without them you will not receive the newsletter"),
    "webinars": N_("without them you cannot take part in the webinar"),
    "webinar_recording": N_("without them you can still take part with your camera and microphone off"),
    "comments": N_("without them you cannot post a comment"),
    "surveys": N_("without them you simply do not take part in the survey"),
    "analytics": N_("without consent the statistics tools are not loaded; the website works the same"),
    "session_recording": N_("without consent the recording tools are not loaded; the website works the same"),
    "marketing": N_("without consent the advertising tools are not loaded; the website works the same"),
    "embeds": N_("without consent the embedded content is not loaded until you choose to load it"),
    "security": N_("without them the form cannot be sent"),
    "social_media": N_("we receive these data from the platform when you interact with our profile"),
    "consent_records": N_("without them we cannot remember your choice and will ask again"),
    "profiling": N_("we use data we already hold"),
    "job_applications": N_("without them we cannot consider your application"),
    "application_extra_data": N_("without them we consider your application just the same"),
    "future_recruitment": N_("without consent we consider your application only in the current recruitment"),
    "order_recipients": N_("the buyer gives them to us so that the order reaches you"),
    "child_data": N_("without them we cannot make a product personalised with them"),
    "business_contacts": N_("your employer gives them to us so that we can work together"),
    "intermediary_orders": N_("without them we cannot pass your order to the seller"),
    "intermediary_accounting": N_("we use data we already hold"),
    "seller_requests": N_(
        "without them we cannot pass your complaint or withdrawal to the seller; you can also send it to the seller "
        "directly"
    ),
}

REQUIREMENT: dict[str, str] = {
    "contract": N_("Providing your data is voluntary, but necessary to conclude and perform the contract"),
    "law": N_("Providing your data is required by law"),
    "voluntary": N_("Providing your data is voluntary"),
    "technical": N_("The data are collected automatically when you use the website"),
    "not_collected": N_("We do not ask you for these data"),
}

SOURCE: dict[str, str] = {
    "you": N_("from you"),
    "your_device": N_("from your device, automatically"),
    "platform": N_("from the operator of the social media platform"),
    "our_records": N_("from our own records of the contract"),
    "our_records_use": N_("from our records of how you use our services"),
    "buyer": N_("from the person who placed the order and named you as its recipient"),
    "parent": N_("from the child's parent or legal guardian, who gives them to us with the order"),
    "employer": N_("from your employer or the organisation you represent, which is our client"),
}

RETENTION_FIXED: dict[str, str] = {
    "account_then_claims": N_(
        "as long as the account exists, and then until claims are time-barred (Art. 118 of the Civil Code)"
    ),
    "account_then_claims_generic": N_(
        "as long as the account exists, and then until claims are time-barred under the applicable law"
    ),
    "contract_then_claims": N_(
        "until the contract is performed, and then until claims are time-barred (Art. 118 of the Civil Code)"
    ),
    "contract_then_claims_generic": N_(
        "until the contract is performed, and then until claims are time-barred under the applicable law"
    ),
    "tax_limitation": N_(
        "until the tax liability becomes time-barred: 5 years after the end of the calendar year in which the "
        "deadline for paying the tax passed (Art. 70 § 1 and Art. 86 § 1 of the Tax Ordinance)"
    ),
    "tax_limitation_ksef": N_(
        "until the tax liability becomes time-barred: 5 years after the end of the calendar year in which the "
        "deadline for paying the tax passed (Art. 70 § 1 and Art. 86 § 1 of the Tax Ordinance); invoices issued "
        "through KSeF are also kept in that system for 10 years from the end of the year in which they were issued"
    ),
    "tax_limitation_generic": N_("for the period required by the tax and accounting law that applies to us"),
    "accounting_books": N_(
        "for 5 years, counting from the start of the year after the financial year in which the transaction was "
        "finally settled (Art. 74(2)(4) of the Accounting Act), and longer if the tax liability is not yet "
        "time-barred by then (Art. 70 § 1 and Art. 86 § 1 of the Tax Ordinance)"
    ),
    "accounting_books_ksef": N_(
        "for 5 years, counting from the start of the year after the financial year in which the transaction was "
        "finally settled (Art. 74(2)(4) of the Accounting Act), and longer if the tax liability is not yet "
        "time-barred by then (Art. 70 § 1 and Art. 86 § 1 of the Tax Ordinance); invoices issued through KSeF "
        "are also kept in that system for 10 years from the end of the year in which they were issued"
    ),
    "claims_limitation": N_("until claims are time-barred (Art. 118 of the Civil Code)"),
    "claims_limitation_generic": N_("until claims are time-barred under the applicable law"),
    "until_withdrawn": N_("until you withdraw your consent"),
    "until_objection": N_("until you object, and no longer than we need it for this purpose"),
    "while_published": N_("as long as the comment is published, or until you object"),
    "while_published_consent": N_("as long as the comment is published, or until you withdraw your consent"),
    "cookie_lifetime": N_("for the lifetime of each cookie given in the cookies table, or until you withdraw consent"),
    "statistics_tool": N_(
        "the statistics tools keep the data they collect for the period set in them; the cookies stay on your "
        "device for the lifetimes given in the cookies table, and after you withdraw consent they are no longer read"
    ),
    "recording_tool": N_(
        "the recording tool keeps the recordings and heatmaps for the period set in it; the cookies stay on your "
        "device for the lifetimes given in the cookies table, and after you withdraw consent they are no longer read"
    ),
    "consent_record": N_(
        "your choice stays on your device for the lifetime of the consent cookie; the record of your consent "
        "is kept until claims related to it are time-barred"
    ),
    "consent_record_generic": N_(
        "your choice stays on your device for the lifetime of the consent cookie; the record of your consent "
        "is kept until claims related to it are time-barred under the applicable law"
    ),
    "server_logs_criterion": N_(
        "as long as needed to keep the service secure, for the period set on our server or by our hosting provider"
    ),
    "correspondence_criterion": N_(
        "until your matter is dealt with, and then as long as the correspondence may be needed for follow-up "
        "questions about it or for claims"
    ),
    "recruitment_end": N_("until the recruitment ends"),
    "personalisation_complaints": N_(
        "until the personalised product is made and delivered, and then until the time for complaints about it "
        "has passed"
    ),
    "cooperation_then_claims": N_(
        "while we work with your employer and you are its contact person for us, and then until claims related to "
        "that cooperation are time-barred (Art. 118 of the Civil Code)"
    ),
    "cooperation_then_claims_generic": N_(
        "while we work with your employer and you are its contact person for us, and then until claims related to "
        "that cooperation are time-barred under the applicable law"
    ),
    "recruitment_end_or_withdrawn": N_(
        "until the recruitment ends, or until you withdraw your consent if you do so earlier"
    ),
}

ROLE: dict[str, str] = {
    "processor": N_("processor (processes data on our behalf)"),
    "controller": N_("independent controller"),
    "joint_controller": N_("joint controller with us"),
}

MECHANISM: dict[str, str] = {
    "adequacy": N_("a European Commission adequacy decision (Art. 45 GDPR)"),
    "dpf": N_(
        "the EU-US Data Privacy Framework adequacy decision (Commission Implementing Decision (EU) 2023/1795, "
        "Art. 45 GDPR); the recipient is on the Data Privacy Framework List"
    ),
    "scc": N_(
        "standard contractual clauses adopted by the European Commission (Decision (EU) 2021/914, Art. 46(2)(c) GDPR)"
    ),
    "bcr": N_("binding corporate rules approved by a supervisory authority (Art. 47 GDPR)"),
}

RECIPIENT_CATEGORY: dict[str, str] = {
    "accounting_office": N_("the accounting office that keeps our books"),
    "legal_advisers": N_("our legal advisers"),
    "it_services": N_("IT service and maintenance providers"),
    "debt_collection": N_("debt collection companies"),
    "auditors": N_("auditors"),
    "postal_operators": N_("postal operators"),
    "marketing_agencies": N_("marketing agencies that run our campaigns"),
    "couriers": N_("courier companies that deliver our parcels"),
    "pickup_points": N_("operators of the pickup points where you collect your orders"),
    "public_authorities": N_("courts, the police, tax authorities and other public authorities"),
}

SECURITY: dict[str, str] = {
    "tls": N_("encrypted connections (TLS) between your browser and our servers"),
    "access_control": N_("access to data only for people who need it, with individual accounts"),
    "two_factor": N_("two-factor sign-in to systems that hold personal data"),
    "backups": N_("regular backups kept separately from the main systems"),
    "encryption_at_rest": N_("encryption of stored data and of disks"),
    "pseudonymisation": N_("pseudonymisation where the purpose allows it"),
    "staff_training": N_("data protection training and confidentiality obligations for our staff"),
    "logging": N_("logging of access to systems that hold personal data"),
    "updates": N_("prompt security updates of software"),
}

LEGAL_FORM: dict[str, str] = {
    "sp_zoo": N_("limited liability company (spółka z ograniczoną odpowiedzialnością)"),
    "sa": N_("joint-stock company (spółka akcyjna)"),
    "spolka_jawna": N_("general partnership (spółka jawna)"),
    "spolka_komandytowa": N_("limited partnership (spółka komandytowa)"),
    "spolka_partnerska": N_("professional partnership (spółka partnerska)"),
    "foundation": N_("foundation (fundacja)"),
    "association": N_("association (stowarzyszenie)"),
}

RIGHT: dict[str, str] = {
    "access": N_("Access to your data and a copy of it (Art. 15 GDPR)"),
    "rectification": N_("Rectification of inaccurate data (Art. 16 GDPR)"),
    "erasure": N_("Erasure of data (Art. 17 GDPR)"),
    "restriction": N_("Restriction of processing (Art. 18 GDPR)"),
    "portability": N_("Data portability (Art. 20 GDPR)"),
    "objection": N_("Objection (Art. 21 GDPR)"),
    "objection_marketing": N_("Objection to direct marketing (Art. 21(2) GDPR)"),
    "withdraw_consent": N_("Withdrawal of consent (Art. 7(3) GDPR)"),
    "human_review": N_("Human intervention in automated decisions (Art. 22(3) GDPR)"),
    "complaint": N_("Complaint to a supervisory authority (Art. 77 GDPR)"),
}

PARTY: dict[str, str] = {"first": N_("first party (our domain)"), "third": N_("third party (the provider's domain)")}
ONLY_US = N_("only us")
WE_AND = N_("we and %(provider)s")
ONLY_PROVIDER = N_("only %(provider)s")
OTHER_COUNTRIES = N_("other countries")
PROVIDER_DESCRIPTION = N_("the provider's description")
ALL_PURPOSES = N_("all the purposes above")
KIND: dict[str, str] = {"cookie": N_("cookie"), "local_storage": N_("local storage"), "pixel": N_("pixel")}
YES_NO: dict[bool, str] = {True: N_("yes"), False: N_("no (strictly necessary)")}

#: Plural message ids for periods: (singular, plural) with ``%(num)d``.
UNITS: dict[str, tuple[str, str]] = {
    "minute": N_plural("%(num)d minute", "%(num)d minutes"),
    "hour": N_plural("%(num)d hour", "%(num)d hours"),
    "day": N_plural("%(num)d day", "%(num)d days"),
    "month": N_plural("%(num)d month", "%(num)d months"),
    "year": N_plural("%(num)d year", "%(num)d years"),
}
SESSION = N_("until the browser is closed")
NOT_STATED = N_("not stated")
STATISTICS_MONTHS = N_plural(
    "the statistics tools keep the data they collect for %(num)d month; the cookies stay on your device for the "
    "lifetimes given in the cookies table, and after you withdraw consent they are no longer read",
    "the statistics tools keep the data they collect for %(num)d months; the cookies stay on your device for the "
    "lifetimes given in the cookies table, and after you withdraw consent they are no longer read",
)
#: What each tool keeps (statistics, session recording): ``%(periods)s`` joins TOOL_PERIOD items with "; ".
PER_TOOL = N_(
    "each tool keeps the data it collects for its own period (%(periods)s); the cookies stay on your device for the "
    "lifetimes given in the cookies table, and after you withdraw consent they are no longer read"
)
#: The same for a purpose with one tool whose period is known.
ONE_TOOL = N_(
    "%(tool)s keeps the data it collects for %(period)s; the cookies stay on your device for the lifetimes given "
    "in the cookies table, and after you withdraw consent they are no longer read"
)
TOOL_PERIOD = N_("%(tool)s: %(period)s")
TOOL_OWN_SETTING = N_("%(tool)s: the period set in the tool")
#: A list whose items are lists themselves: ``%(items)s`` all but the last, joined by commas.
NESTED_AND = N_("%(items)s as well as %(last)s")
#: A retention period on its own: ``%(period)s`` is a number with its unit ("for 30 days").
FOR_PERIOD = N_("for %(period)s")
#: A retention period from an event: ``%(period)s`` is a number with its unit ("12 months").
AFTER_EVENT: dict[str, str] = {
    "collection": N_("for %(period)s after we receive them"),
    "matter_closed": N_("until your matter is dealt with, and then for %(period)s"),
    "event": N_("for %(period)s after the event"),
    "contract_end": N_("for %(period)s after the contract ends"),
    "account_deletion": N_("for %(period)s after the account is deleted"),
    "recruitment_end": N_("for %(period)s after the recruitment ends"),
    "order_done": N_("until the order is carried out, and then for %(period)s"),
    "cooperation_end": N_("while we work with your employer, and then for %(period)s after that cooperation ends"),
    "consent_given": N_("for %(period)s after you give your consent, or until you withdraw it if you do so earlier"),
}

#: How provisions of a law other than the GDPR are cited: ``%(refs)s`` is e.g. "Art. 399(1)".
LAWS: dict[str, str] = {
    "pke": N_("%(refs)s of the Electronic Communications Law"),
    "eprivacy": N_("%(refs)s of Directive 2002/58/EC"),
    "uor": N_("%(refs)s of the Accounting Act"),
    "kc": N_("%(refs)s of the Civil Code"),
    "kp": N_("%(refs)s of the Labour Code"),
}

#: The forms whose short notices ``policygen notices`` writes (``vocab.FORMS``).
FORM: dict[str, str] = {
    "contact_form": N_("Contact form"),
    "newsletter_signup": N_("Newsletter sign-up"),
    "registration": N_("Account registration"),
    "checkout": N_("Order form"),
    "comment_form": N_("Comment form"),
    "webinar_signup": N_("Webinar sign-up"),
    "job_application": N_("Job application form"),
}

TITLE = N_("Privacy and cookie policy")
CONTENTS = N_("Contents")
#: The line under the title: the policy's effective date (the date the last section gives too).
UPDATED = N_("Last updated: %(date)s")
PRIVACY_POLICY_LINK = N_("privacy policy")

GROUPS: dict[str, dict] = {
    "data": DATA,
    "basis": BASIS,
    "cite": CITE,
    "interest": INTEREST,
    "obligation": OBLIGATION,
    "consent_law": CONSENT_LAW,
    "purpose": PURPOSE,
    "consequence": CONSEQUENCE,
    "requirement": REQUIREMENT,
    "source": SOURCE,
    "retention": RETENTION_FIXED,
    "role": ROLE,
    "mechanism": MECHANISM,
    "recipient_category": RECIPIENT_CATEGORY,
    "security": SECURITY,
    "legal_form": LEGAL_FORM,
    "right": RIGHT,
    "party": PARTY,
    "kind": KIND,
    "yes_no": YES_NO,
    "form": FORM,
}
