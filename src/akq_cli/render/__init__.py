"""`akq render`: the commitment form (告知承诺书) of each item as DOCX, and PDF through LibreOffice.

forms.py decides what the form says, layout.py/wording.py read the editable
templates, docx_style.py/docx_writer.py lay it out after GB/T 9704,
determinism.py makes the bytes reproducible, pdf.py drives LibreOffice and
jobs.py chooses, checks and renders the items.
"""
