"""FHIR R4 at /fhir/R4/ (docs/fhir.md): the network's plans, referrals, organisations and services
as FHIR resources, built and validated with ``fhir.resources`` (its R4B models, decision 0360),
read through the one access policy and created through the domain apps' actions."""
