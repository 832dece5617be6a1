# Dates stay d.m.yyyy in every language of the service (Finnish practice).
DATE_FORMAT = "j.n.Y"
SHORT_DATE_FORMAT = "j.n.Y"
DATETIME_FORMAT = "j.n.Y H:i"
SHORT_DATETIME_FORMAT = "j.n.Y H:i"
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%Y-%m-%d"]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
