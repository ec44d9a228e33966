"""The weekly rhythm in time: slot maths (``cadence``), the week's plan (``plan``), the durable job runner
(``runner``) and what each job does (``week``). Discord-free: posts go out through ``bot.publishing``."""
