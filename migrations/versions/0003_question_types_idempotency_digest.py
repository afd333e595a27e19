"""Question types as classes (no CHECK on the type); idempotency keys stored as digests

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 09:00:00

The start form's idempotency key was stored in plain text: whoever read the database
could post it and be sent to the resume link of an in-progress response. Only its
SHA-256 digest is kept now, like the resume token's.
"""
import hashlib

from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

QUESTION_TYPES = ('short_text', 'long_text', 'single_choice', 'multiple_choice', 'likert',
                  'rating', 'number', 'country', 'consent')


def _digest_keys(bind):
    responses = sa.table('responses', sa.column('id', sa.Integer),
                         sa.column('idempotency_digest', sa.String))
    rows = bind.execute(sa.text('SELECT id, idempotency_digest FROM responses')).all()
    for response_id, key in rows:
        digest = hashlib.sha256(key.lower().encode()).hexdigest()
        bind.execute(responses.update().where(responses.c.id == response_id)
                     .values(idempotency_digest=digest))


def upgrade():
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_questions_type'), type_='check')
    with op.batch_alter_table('responses', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_responses_questionnaire_id_idempotency_key'),
                                 type_='unique')
        batch_op.alter_column('idempotency_key', new_column_name='idempotency_digest',
                              existing_type=sa.String(length=64), existing_nullable=False)
    _digest_keys(op.get_bind())
    with op.batch_alter_table('responses', schema=None) as batch_op:
        batch_op.create_unique_constraint(
            batch_op.f('uq_responses_questionnaire_id_idempotency_digest'),
            ['questionnaire_id', 'idempotency_digest'])


def downgrade():
    # A digest cannot be turned back into its key: the column keeps the digests, which
    # simply never match a new start (a repeated start then makes a second response).
    with op.batch_alter_table('responses', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_responses_questionnaire_id_idempotency_digest'),
                                 type_='unique')
        batch_op.alter_column('idempotency_digest', new_column_name='idempotency_key',
                              existing_type=sa.String(length=64), existing_nullable=False)
        batch_op.create_unique_constraint(
            batch_op.f('uq_responses_questionnaire_id_idempotency_key'),
            ['questionnaire_id', 'idempotency_key'])
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.create_check_constraint(
            'type', 'type IN (' + ', '.join(f"'{t}'" for t in QUESTION_TYPES) + ')')
