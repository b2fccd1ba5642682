"""Quiz banks: YAML files in ``quizzes/`` turned into accessible quizzes on the pages.

The pieces, in the order a build uses them:

- ``loader``: read a bank file into plain data plus the line and column of every value;
  duplicate keys and YAML syntax errors become messages, never tracebacks.
- ``validate``: check the data against ``quizzes/schema.json`` and the rules a schema
  cannot express, and build the ``model`` objects.
- ``placement``: find the ``<!-- quiz: <bank> -->`` markers in pages.
- ``safe_markdown``: render bank text with the site's markdown settings, raw HTML escaped.
- ``render``: turn a bank into HTML through ``overrides/partials/quiz.html``.
- ``site``: tie these to one MkDocs build (used by ``hooks/quizzes.py``).

Every problem is reported as ``quizzes/ec2.yml:42:7: questions[3].choices[1].correct:
expected true or false, got 'yes'``: file, line, column, where in the bank, and the cause.
"""
