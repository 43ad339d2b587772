// The role-binding rows of a user form: a role, then a territory node or an organisation depending on the role.
import { Button, Form, Select, Space } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { ROLE_NODE_KIND, ROLES, type Role } from '../../../contracts/domain';
import { useT } from '../../app/i18n';
import { useMe } from '../../app/session';
import { NodePicker } from '../territory/NodePicker';
import { OrganisationPicker } from '../organisations/OrganisationPicker';
import { grantableRoles, isOrganisationRole, ROLE_ORGANISATION_KIND } from './bindings';

/** Form.List named "bindings"; each row is a BindingValue. */
export function BindingsEditor() {
  const t = useT();
  const me = useMe();
  const roles = grantableRoles(me);
  const form = Form.useFormInstance();

  return (
    <Form.List
      name="bindings"
      rules={[
        {
          validator: async (_, rows: unknown[] | undefined) => {
            if (!rows || rows.length === 0) throw new Error(t('users.bindingsRequired'));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.map((field) => (
            <Space key={field.key} align="start" wrap style={{ display: 'flex', marginBottom: 8 }}>
              <Form.Item
                name={[field.name, 'role']}
                rules={[{ required: true, message: t('common.required') }]}
                style={{ marginBottom: 0 }}
              >
                <Select<Role>
                  style={{ width: 150 }}
                  placeholder={t('users.role')}
                  options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`), disabled: !roles.includes(r) }))}
                  onChange={() => {
                    form.setFieldValue(['bindings', field.name, 'node'], null);
                    form.setFieldValue(['bindings', field.name, 'organisation'], null);
                  }}
                />
              </Form.Item>
              <Form.Item noStyle shouldUpdate>
                {() => {
                  const role = form.getFieldValue(['bindings', field.name, 'role']) as Role | undefined;
                  if (!role) return null;
                  return isOrganisationRole(role) ? (
                    <Form.Item
                      name={[field.name, 'organisation']}
                      rules={[{ required: true, message: t('common.required') }]}
                      style={{ marginBottom: 0, width: 220 }}
                    >
                      <OrganisationPicker kind={ROLE_ORGANISATION_KIND[role]} />
                    </Form.Item>
                  ) : (
                    <Form.Item
                      name={[field.name, 'node']}
                      rules={[{ required: true, message: t('common.required') }]}
                      style={{ marginBottom: 0, width: 220 }}
                    >
                      <NodePicker kinds={ROLE_NODE_KIND[role]} />
                    </Form.Item>
                  );
                }}
              </Form.Item>
              <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('common.delete')} />
            </Space>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block>
            {t('users.addBinding')}
          </Button>
          <Form.ErrorList errors={errors} />
        </>
      )}
    </Form.List>
  );
}
