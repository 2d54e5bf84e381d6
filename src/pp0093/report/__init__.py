"""The evaluation report of a programme year, generated from the marts
(`pp0093 report`): HTML and PDF in Spanish, every number cited."""
