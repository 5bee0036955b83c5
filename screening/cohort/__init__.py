"""Cohort review for staff: the dashboard, worklists and exports of issue #6.

`stats` is plain Python (no Django); `selectors` and `worklists` read, aggregating in the database;
`views` are thin; `svg` draws the histograms on the server so the pages need no JavaScript.
"""
