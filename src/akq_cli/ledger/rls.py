"""PostgreSQL row-level security: one role per department that sees and writes its own records only, and the
司法局's assessment role (akq_assessor) that reads aggregates only (四: it assesses the departments).

Roles are NOLOGIN groups: the server's administrator grants each clerk's login role membership
(GRANT akq_mzj TO zhang_san). `check` must see every department's decisions (一处失信、处处受限), so it reads
through the SECURITY DEFINER function akq_check_rows, which returns the few columns check needs and nothing else.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from akq_cli.ledger.schema import department_roles

ASSESSOR = "akq_assessor"
OWN = {
    "commitments": "department IN (SELECT department FROM department_roles WHERE role = current_user)",
    "status_history": "commitment_id IN (SELECT id FROM commitments)",
    "tasks": "commitment_id IN (SELECT id FROM commitments)",
    "decisions": "department IN (SELECT department FROM department_roles WHERE role = current_user) "
    "OR commitment_id IN (SELECT id FROM commitments)",
    "appeals": "decision_id IN (SELECT id FROM decisions)",
}

STATS_VIEW = """
CREATE OR REPLACE VIEW ledger_stats AS
SELECT c.department, c.item_id, to_char(c.signed_on, 'YYYY-MM') AS month,
       count(*) AS cases,
       count(*) FILTER (WHERE c.route = 'commitment') AS commitments,
       count(*) FILTER (WHERE c.status = 'withdrawn') AS withdrawn,
       count(t.id) FILTER (WHERE t.outcome IS NOT NULL) AS tasks_done,
       count(t.id) FILTER (WHERE t.outcome = 'false') AS false_commitments
FROM commitments c LEFT JOIN tasks t ON t.commitment_id = c.id
GROUP BY c.department, c.item_id, to_char(c.signed_on, 'YYYY-MM')
"""


def role_name(department: str) -> str:
    return "akq_" + department.lower()


def _create_role(conn: Connection, role: str) -> None:
    exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first()
    if not exists:
        conn.execute(text(f'CREATE ROLE "{role}" NOLOGIN'))


def install(conn: Connection, departments: list[str]) -> dict[str, str]:
    """Idempotent: roles, grants, policies and the statistics view; returns {role: department}."""
    made: dict[str, str] = {}
    for table in OWN:
        conn.execute(text(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY"))
        conn.execute(text(f"DROP POLICY IF EXISTS own_department ON {table}"))
        conn.execute(text(f"CREATE POLICY own_department ON {table} USING ({OWN[table]}) WITH CHECK ({OWN[table]})"))
    for department in departments:
        role = role_name(department)
        _create_role(conn, role)
        conn.execute(department_roles.delete().where(department_roles.c.role == role))
        conn.execute(department_roles.insert().values(role=role, department=department))
        conn.execute(text(f'GRANT SELECT, INSERT, UPDATE ON {", ".join(OWN)} TO "{role}"'))
        conn.execute(text(f'GRANT SELECT, INSERT ON events TO "{role}"'))
        conn.execute(text(f'GRANT SELECT ON department_roles TO "{role}"'))
        conn.execute(text(f'GRANT SELECT, INSERT, UPDATE ON code_serials TO "{role}"'))
        conn.execute(text(f'GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO "{role}"'))
        conn.execute(text(f'GRANT EXECUTE ON FUNCTION akq_check_rows(text) TO "{role}"'))
        made[role] = department
    _create_role(conn, ASSESSOR)
    conn.execute(text(STATS_VIEW))
    conn.execute(text(f'REVOKE ALL ON {", ".join(OWN)}, events FROM "{ASSESSOR}"'))
    conn.execute(text(f'GRANT SELECT ON ledger_stats TO "{ASSESSOR}"'))
    made[ASSESSOR] = "司法局（只读统计）"
    return made


CHECK_FUNCTION = """
CREATE OR REPLACE FUNCTION akq_check_rows(applicant text)
RETURNS TABLE (department text, number text, decided_on date, reason text, dishonesty_class varchar,
               repair_from date, publish_until date, state varchar, source varchar)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT d.department, d.number, d.decided_on, d.reason, d.dishonesty_class, d.repair_from, d.publish_until,
         d.state, d.source
  FROM decisions d WHERE d.applicant_id = applicant ORDER BY d.decided_on, d.id
$$
"""
