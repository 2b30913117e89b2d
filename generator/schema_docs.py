"""What each key of an answers file means, for the JSON Schema (editors show it on hover).

A model field's own ``description`` wins; this table describes the keys whose fields have none,
keyed ``Definition.key`` (the schema's definition names, ``Answers`` for the top level). The
wizard's help texts are the source of most. ``tests/test_schema.py`` checks that every key of the
schema has a description, so a new key fails until it gets one here or in its field.
"""

from __future__ import annotations

DESCRIPTIONS: dict[str, str] = {
    # top level
    "Answers.schema_version": "Version of the answers file format; 1.",
    "Answers.languages": "Languages the policy is published in, e.g. [pl, en]; the first is the main one.",
    "Answers.controllers": "Who decides why and how the data are processed: your business (two or more: joint "
    "controllers).",
    "Answers.joint": "Joint controllers only: the arrangement between them (Art. 26 GDPR).",
    "Answers.dpo": "The Data Protection Officer, if you have appointed one.",
    "Answers.representative": "Controllers outside the EU only: the representative in the EU (Art. 27 GDPR).",
    "Answers.features": "What the website or business does: each feature brings its purposes, data and recipients.",
    "Answers.custom_services": "Services that are not in the catalogue, or catalogue entries you complete (same id).",
    "Answers.custom_cookies": "Your own cookies and other storage on the device that no service brings.",
    "Answers.custom_purposes": "Purposes of your own that no feature covers.",
    "Answers.consent_tool": "The consent banner that asks for consent to cookies and lets people change their choices.",
    "Answers.other_recipients": "Categories of recipients other than the services, e.g. accounting_firm, law_firm.",
    "Answers.security": "Security measures the policy lists, e.g. tls, backups.",
    "Answers.automated_decisions": "Decisions made solely by automated means with legal or similarly significant "
    "effects (Art. 22 GDPR).",
    "Answers.children": "Whether the services are directed at children, and from what age.",
    "Answers.effective_date": "The date the policy applies from (YYYY-MM-DD).",
    "Answers.changes": "History of changes of the policy, newest first.",
    "Answers.extra_sections": "Sections of your own, from overlay templates (<templates_dir>/<lang>/<id>.md.j2).",
    # controllers and people
    "Address.postal_code": "Postal code, e.g. 00-001 in Poland.",
    "Address.city": "City or town.",
    "Controller.legal_form": "Legal form, e.g. sole_trader, sp_zoo, sa, foundation, association.",
    "Controller.address": "Registered address (for a sole trader, the business address).",
    "Controller.email": "E-mail address people write to about their data.",
    "Controller.phone": "Phone number for questions about data, if you give one.",
    "Controller.website": "The website's address, e.g. https://example.pl.",
    "Controller.nip": "Polish tax identification number (NIP), 10 digits.",
    "Controller.regon": "Polish statistical number (REGON), 9 or 14 digits.",
    "Controller.krs": "Polish National Court Register number (KRS), 10 digits.",
    "Person.first_name": "First name.",
    "Person.last_name": "Surname.",
    "Dpo.kind": "internal (an employee) or external (a firm or person under a service contract).",
    "Dpo.email": "The DPO's e-mail address (an e-mail or a phone number is required).",
    "Dpo.phone": "The DPO's phone number.",
    "Dpo.address": "The DPO's postal address, if other than the controller's.",
    "Representative.name": "Name of the representative in the EU.",
    "Representative.address": "Address of the representative in the EU.",
    "Representative.email": "The representative's e-mail address.",
    "Representative.phone": "The representative's phone number.",
    "Entity.name": "The legal entity's registered name, e.g. Google Ireland Limited.",
    # features
    "Features.session_recording": "Session recordings and heatmaps as a purpose of their own (Hotjar, Clarity).",
    "Features.website": "The website itself: server logs, statistics and how long they are kept.",
    "Features.contact": "A contact form, e-mail address or phone number people use to reach you.",
    "Features.accounts": "User accounts on the website.",
    "Features.shop": "An online shop: orders, payments, delivery, complaints.",
    "Features.saas": "An online service (SaaS) customers sign up for.",
    "Features.newsletter": "A newsletter sent by e-mail.",
    "Features.webinars": "Webinars or online events.",
    "Features.comments": "Comments or reviews people publish on the website.",
    "Features.surveys": "Surveys or questionnaires.",
    "Features.marketing": "Online advertising and remarketing (e.g. Meta Pixel, Google Ads).",
    "Features.social_media": "Your profiles on social media.",
    "Features.recruitment": "Recruitment: job applications you receive.",
    "Contact.form": "There is a contact form on the website.",
    "Contact.email": "People write to you by e-mail.",
    "Contact.phone": "People may call you; the form or the messages may contain a phone number.",
    "Accounts.social_login": "People can sign in with a social account (Google, Facebook, …).",
    "Shop.guest_checkout": (
        "With accounts: people can also buy without one (true) or need one (false); left out, the policy says neither."
    ),
    "Saas.support": "You give customers support (tickets, chat, e-mail).",
    "Saas.trial": "There is a free trial.",
    "Newsletter.double_opt_in": (
        "Sign-up is confirmed with a link sent by e-mail (double opt-in); left out, the policy does not say so."
    ),
    "Webinars.recording": "Webinars are recorded.",
    "Comments.moderation": (
        "Comments are read before they appear (true) or appear at once (false); left out, the policy says neither."
    ),
    "Surveys.tool": "Service id of the survey tool, if you use one.",
    # cookies, services, purposes
    "Cookie.name": "The cookie's (or storage key's) name as it is set, e.g. _ga.",
    "Cookie.purpose": "What the cookie is for, in each language of the policy.",
    "Cookie.party": "first (set by your own domain) or third (set by another domain).",
    "Cookie.kind": "cookie, local_storage or pixel.",
    "CustomCookie.name": "The cookie's (or storage key's) name as it is set.",
    "CustomCookie.lifetime": '"session" or a number and unit, e.g. "30 minutes", "13 months".',
    "CustomCookie.purpose": "What the cookie is for, in each language of the policy.",
    "CustomCookie.consent": "Whether it needs consent: false only when it is strictly necessary for a service "
    "the person asked for.",
    "CustomPurpose.id": "Short identifier of the purpose; its anchor is #purpose-<id>.",
    "CustomPurpose.basis": "Legal basis (Art. 6(1) GDPR): consent, contract, legal_obligation, vital_interests, "
    "public_task or legitimate_interest.",
    "CustomPurpose.data": "The data categories processed, e.g. identity, email_address.",
    "CustomPurpose.requirement": "Whether the person must give the data: contract, law, voluntary or not_collected.",
    "CustomPurpose.source": "Where the data come from: you, your_device, platform or our_records.",
    "PurposeOverride.retention": "How long the data are kept: days, months or years (from after), a statute, or a "
    "criterion in words.",
    "AutomatedDecision.name": "Name of the decision, e.g. Credit scoring.",
    "AutomatedDecision.logic": "How the decision is made: the logic involved, in words.",
    "AutomatedDecision.basis": "Legal basis of the decision (Art. 22(2) GDPR): contract, law or explicit_consent.",
    "Change.date": "The date of the change (YYYY-MM-DD).",
    "Change.description": "What changed, in each language of the policy.",
    "Children.directed_at_children": "The services are directed at children.",
    "ExtraSection.id": "Id of the section: its template is <templates_dir>/<lang>/<id>.md.j2 and its anchor #<id>.",
    "ServiceDef.id": "Identifier of the service; a catalogue id replaces that catalogue entry.",
    "ServiceDef.name": "Name of the service as the policy shows it, e.g. Mailchimp.",
    "ServiceDef.category": "What kind of service it is, e.g. newsletter, payments, analytics.",
    "ServiceDef.entity": "The legal entity providing the service.",
    "ServiceDef.role": "processor (acts on your instructions), controller (decides itself) or joint_controller.",
    "ServiceDef.purpose": "What the service does with the data, in each language of the policy.",
    "ServiceDef.data": "The data categories the service receives.",
    "ServiceDef.cookies": "Cookies and other storage the service sets on the device.",
    "ServiceDef.links": "The provider's privacy policy and other pages the policy links to.",
    "ServiceDef.sources": "Where each fact about the service was checked, and when.",
    "Links.privacy": "The provider's privacy policy.",
    "Links.opt_out": "Where people can opt out of the provider's processing.",
    "Links.dpa": "The provider's data processing agreement (terms).",
    "Source.url": "The page the facts were checked on.",
    "Source.checked": "The date they were checked (YYYY-MM-DD).",
    "Source.facts": "Which facts the page supports, e.g. entity, transfers, cookies.",
    "Transfer.mechanism": "The transfer's safeguard: adequacy (a Commission decision), dpf (EU-US Data Privacy "
    "Framework), scc (standard contractual clauses) or bcr (binding corporate rules).",
}
