/*
 * The deployment as partners would run it, checked without a Docker engine or a cluster (none runs on these
 * machines): compose validated by docker-compose itself, every Kustomize overlay rendered by kubectl and each object
 * validated against its published schema (the operators' kinds included), the alert rules by promtool, the dashboard
 * and the rules against the metrics the services declare. Tools are installed by tools/test.sh; absent, this fails.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load, loadAll } from 'js-yaml';
import { loadPlatformConfig, Metrics, principalFromClaims } from '@cvl/platform';
import { ROLES } from '@cvl/contracts';
import { checkMetrics } from './promtool';
import { parseDockerfile } from './dockerfile';

const root = join(__dirname, '..', '..');
const run = (command: string, args: string[], input?: string) =>
  execFileSync(command, args, {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    ...(input ? { input } : {}),
  });

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
}
interface Container {
  name: string;
  image?: string;
  livenessProbe?: unknown;
  readinessProbe?: unknown;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: {
    allowPrivilegeEscalation?: boolean;
    readOnlyRootFilesystem?: boolean;
    capabilities?: { drop?: string[] };
  };
}
interface PodSpec {
  securityContext?: { runAsNonRoot?: boolean };
  containers: Container[];
}
const podSpecOf = (object: K8sObject) =>
  (object.spec as { template?: { spec?: PodSpec; metadata?: { labels?: Record<string, string> } } } | undefined)
    ?.template;

const SERVICES = ['commitments', 'renewal-urban', 'iti-feder', 'reporting'];
const overlays = readdirSync(join(root, 'deploy', 'k8s', 'overlays'));

describe('deploy/compose.yaml', () => {
  const rendered = load(run('docker-compose', ['-f', 'deploy/compose.yaml', 'config'])) as {
    services: Record<
      string,
      {
        image?: string;
        healthcheck?: unknown;
        environment?: Record<string, string>;
        read_only?: boolean;
        build?: { target?: string; args?: Record<string, string> };
      }
    >;
  };

  it('is valid for docker-compose, and runs Kafka, PostgreSQL, Keycloak, the four services and the web application', () => {
    expect(Object.keys(rendered.services).sort()).toEqual(
      [
        'commitments',
        'iti-feder',
        'kafka',
        'keycloak',
        'postgres',
        'renewal-urban',
        'reporting',
        'web',
        // On demand (profile « observabilite »).
        'prometheus',
        'grafana',
      ].sort(),
    );
  });

  it.each(SERVICES)('wires %s by environment, built from the one Dockerfile, read-only, with a healthcheck', (name) => {
    const service = rendered.services[name];
    expect(service.build).toMatchObject({ target: 'service', args: { SERVICE: name } });
    expect(service.read_only).toBe(true);
    expect(service.healthcheck).toBeDefined();
    expect(service.environment).toMatchObject({
      KAFKA_BROKERS: 'kafka:9092',
      DATABASE_URL: expect.stringMatching(/^postgres:\/\/cvl:.+@postgres:5432\/cvl$/),
      AUTH_JWKS_URL: 'http://keycloak:8080/realms/cvl/protocol/openid-connect/certs',
      DB_SCHEMA: name.replace('-', '_'),
    });
  });
});

describe('the demo realm and the services’ reading of its tokens', () => {
  interface Realm {
    realm: string;
    roles: { realm: Array<{ name: string }> };
    clients: Array<{
      clientId: string;
      publicClient: boolean;
      redirectUris: string[];
      attributes: Record<string, string>;
      defaultClientScopes: string[];
    }>;
    clientScopes: Array<{
      name: string;
      protocolMappers: Array<{ protocolMapper: string; config: Record<string, string> }>;
    }>;
    users: Array<{ username: string; attributes: { org: string[] }; realmRoles: string[] }>;
  }
  const realm = JSON.parse(
    readFileSync(join(root, 'deploy', 'k8s', 'overlays', 'local', 'keycloak', 'cvl-realm.json'), 'utf8'),
  ) as Realm;
  const compose = load(run('docker-compose', ['-f', 'deploy/compose.yaml', 'config'])) as {
    services: Record<string, { environment: Record<string, string> }>;
  };

  it('has a role per role of the platform, a public PKCE client for the web application, an account per role', () => {
    expect(realm.roles.realm.map((role) => role.name).sort()).toEqual(ROLES.map((role) => `cvl-${role}`).sort());
    const web = realm.clients.find((client) => client.clientId === 'cvl-web');
    expect(web).toMatchObject({ publicClient: true, attributes: { 'pkce.code.challenge.method': 'S256' } });
    const webConfig = JSON.parse(readFileSync(join(root, 'deploy', 'web', 'web-config.compose.json'), 'utf8')) as {
      clientId: string;
      authorizationEndpoint: string;
    };
    expect(webConfig.clientId).toBe('cvl-web');
    expect(webConfig.authorizationEndpoint).toBe(
      `${compose.services.commitments.environment.AUTH_ISSUER}/protocol/openid-connect/auth`,
    );
    expect(web?.redirectUris).toContain('http://localhost:8080/retour');
    // A realm imported with its own client scopes gets no built-in ones: sub, the roles, the organisation and the
    // audience must all come from the scopes the client names.
    const mappers = realm.clientScopes
      .filter((scope) => web?.defaultClientScopes.includes(scope.name))
      .flatMap((scope) => scope.protocolMappers);
    const claimOf = (mapper: string) => mappers.find((m) => m.protocolMapper === mapper)?.config;
    expect(claimOf('oidc-sub-mapper')).toMatchObject({ 'access.token.claim': 'true' });
    expect(claimOf('oidc-usermodel-realm-role-mapper')).toMatchObject({
      'claim.name': compose.services.commitments.environment.AUTH_ROLES_CLAIM,
      multivalued: 'true',
    });
    expect(claimOf('oidc-usermodel-attribute-mapper')).toMatchObject({
      'claim.name': compose.services.commitments.environment.AUTH_ORGANISATION_CLAIM,
    });
    expect(claimOf('oidc-audience-mapper')).toMatchObject({
      'included.custom.audience': compose.services.commitments.environment.AUTH_AUDIENCE,
    });
    const accountless = ROLES.filter((role) => !realm.users.some((user) => user.realmRoles.includes(`cvl-${role}`)));
    expect(accountless).toEqual([]);
  });

  it('gives each demo account, as its Keycloak token says it, the principal the services expect', () => {
    // The services read the tokens with compose's environment: roles under realm_access.roles (Keycloak's own
    // default roles among them, to be ignored), the organisation under org.
    const config = loadPlatformConfig(
      { ...compose.services.commitments.environment, DATABASE_URL: 'postgres://x/y' },
      { mode: 'distributed', port: 3001 },
    );
    for (const user of realm.users) {
      const payload = {
        sub: '3f1c1b0e-5a3e-4a8e-9b1f-2d7f0c9a1e42',
        org: user.attributes.org[0],
        realm_access: { roles: ['default-roles-cvl', 'offline_access', 'uma_authorization', ...user.realmRoles] },
      };
      const principal = principalFromClaims(payload, config.auth.claimMapping);
      expect({ user: user.username, roles: principal.roles, organisation: principal.organisation }).toEqual({
        user: user.username,
        roles: user.realmRoles.map((role) => role.replace(/^cvl-/, '')),
        organisation: user.attributes.org[0],
      });
    }
  });
});

describe('deploy/Dockerfile', () => {
  const text = readFileSync(join(root, 'deploy', 'Dockerfile'), 'utf8');
  const stages = parseDockerfile(text);
  it('builds with npm run build, and runs every image as a non-root user with a healthcheck and a command', () => {
    expect(text).toMatch(/npm run build\b/);
    expect(stages.map((stage) => stage.name)).toEqual(['build', 'service', 'web']);
    for (const stage of stages.filter((s) => s.name !== 'build')) {
      expect({ stage: stage.name, user: stage.user }).toEqual({
        stage: stage.name,
        user: expect.stringMatching(/^[1-9]\d*(:\d+)?$/),
      });
      expect(stage.healthcheck?.length).toBeGreaterThan(0);
      expect(stage.cmd ?? stage.base).toBeTruthy();
    }
  });
});

describe.each(overlays)('deploy/k8s/overlays/%s', (overlay) => {
  const objects = loadAll(run('kubectl', ['kustomize', `deploy/k8s/overlays/${overlay}`])).filter(
    Boolean,
  ) as K8sObject[];
  const workloads = objects.filter((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet');

  it('validates every object against its schema (the operators’ kinds too)', () => {
    const lines = run('node', ['test/deploy/validate-k8s.mjs'], objects.map((o) => JSON.stringify(o)).join('\n---\n'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { kind: string; name: string; problem?: string });
    expect(lines).toHaveLength(objects.length);
    expect(lines.filter((line) => line.problem)).toEqual([]);
  });

  it('gives every container both probes, resources and a non-root, unprivileged context', () => {
    for (const workload of workloads) {
      const template = podSpecOf(workload)!;
      expect({ workload: workload.metadata.name, nonRoot: template.spec?.securityContext?.runAsNonRoot }).toEqual({
        workload: workload.metadata.name,
        nonRoot: true,
      });
      for (const container of template.spec!.containers) {
        const where = `${workload.kind}/${workload.metadata.name}/${container.name}`;
        expect({
          where,
          liveness: Boolean(container.livenessProbe),
          readiness: Boolean(container.readinessProbe),
        }).toEqual({
          where,
          liveness: true,
          readiness: true,
        });
        expect({ where, requests: container.resources?.requests }).toEqual({ where, requests: expect.any(Object) });
        expect({ where, context: container.securityContext }).toMatchObject({
          where,
          context: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
        });
      }
    }
  });

  it('runs the four services and the web application, each behind a Service and a PodDisruptionBudget', () => {
    for (const name of [...SERVICES, 'web']) {
      expect(workloads.some((w) => w.kind === 'Deployment' && w.metadata.name === name)).toBe(true);
      for (const kind of ['Service', 'PodDisruptionBudget'])
        expect({ name, kind, found: objects.some((o) => o.kind === kind && o.metadata.name === name) }).toEqual({
          name,
          kind,
          found: true,
        });
    }
    // Reporting's consumers and the web application scale; the writers keep one process (one witness file per
    // signed log).
    const hpa = objects.filter((o) => o.kind === 'HorizontalPodAutoscaler').map((o) => o.metadata.name);
    expect(hpa.sort()).toEqual(['reporting', 'web']);
    for (const name of ['commitments', 'renewal-urban', 'iti-feder']) {
      const replicas = (workloads.find((w) => w.metadata.name === name)?.spec as { replicas?: number }).replicas;
      expect({ name, replicas }).toEqual({ name, replicas: 1 });
    }
  });

  it('denies ingress by default and opens it only where a NetworkPolicy names it', () => {
    const policies = objects.filter((o) => o.kind === 'NetworkPolicy');
    expect(policies.some((p) => p.metadata.name === 'default-deny-ingress')).toBe(true);
    for (const name of SERVICES) expect(policies.some((p) => p.metadata.name === `${name}-ingress`)).toBe(true);
  });

  it('refers only to ConfigMaps the overlay makes, and says which Secrets come from outside', () => {
    const made = new Set(objects.filter((o) => o.kind === 'ConfigMap').map((o) => o.metadata.name));
    const referenced = new Set<string>();
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object')
        for (const [key, inner] of Object.entries(value)) {
          if (
            (key === 'configMapRef' || key === 'configMapKeyRef' || key === 'configMap') &&
            inner &&
            typeof inner === 'object'
          )
            referenced.add((inner as { name: string }).name);
          walk(inner);
        }
    };
    workloads.forEach(walk);
    expect([...referenced].filter((name) => !made.has(name))).toEqual([]);
  });
});

describe('deploy/observability', () => {
  // Every metric the services declare, read from their source (name: 'cvl_…' or 'http_…').
  const declared = new Set(
    ['metrics.ts', 'operator-metrics.ts'].flatMap((file) =>
      [
        ...readFileSync(join(root, 'libs', 'platform', 'src', 'observability', file), 'utf8').matchAll(
          /name: '([a-z_]+)'/g,
        ),
      ].map((match) => match[1]),
    ),
  );
  const used = (expression: string) =>
    [...expression.matchAll(/\b((?:cvl|http)_[a-z_]+?)(?:_bucket|_count|_sum)?\b/g)].map((match) => match[1]);

  it('reads the services’ exposition as Prometheus does, and refuses one it cannot parse or whose names lint', async () => {
    const metrics = new Metrics();
    metrics.eventsAppended.inc({ service: 'commitments', type: 'commitments.commitment-recorded' });
    metrics.idempotencyInFlight.inc();
    expect(() => checkMetrics('')).not.toThrow();
    checkMetrics(await metrics.registry.metrics());
    expect(() => checkMetrics('garbage{\n')).toThrow(/parsing error/);
    expect(() => checkMetrics('# HELP cvl_x_total x\n# TYPE cvl_x_total gauge\ncvl_x_total 1\n')).toThrow(/_total/);
  });

  it('has a Prometheus configuration promtool accepts, scraping each service of compose with the alert rules', () => {
    expect(run('promtool', ['check', 'config', 'deploy/observability/prometheus.yml'])).toMatch(/SUCCESS/);
    const config = load(readFileSync(join(root, 'deploy', 'observability', 'prometheus.yml'), 'utf8')) as {
      rule_files: string[];
      scrape_configs: Array<{ job_name: string; static_configs: Array<{ targets: string[] }> }>;
    };
    expect(config.rule_files).toEqual(['alerts.yaml']);
    const targets = config.scrape_configs.flatMap((job) => job.static_configs.flatMap((c) => c.targets));
    expect(targets.sort()).toEqual(SERVICES.map((service) => `${service}:3000`).sort());
    // The alerts' `job=~"cvl-.*"` matches these jobs.
    for (const job of config.scrape_configs) expect(job.job_name).toMatch(/^cvl-/);
  });

  it('has alert rules promtool accepts, on metrics the services expose', () => {
    expect(run('promtool', ['check', 'rules', 'deploy/observability/alerts.yaml'])).toMatch(/SUCCESS: \d+ rules found/);
    const rules = (
      load(readFileSync(join(root, 'deploy', 'observability', 'alerts.yaml'), 'utf8')) as {
        groups: Array<{ rules: Array<{ alert: string; expr: string }> }>;
      }
    ).groups.flatMap((group) => group.rules);
    for (const rule of rules)
      for (const metric of used(rule.expr))
        expect({ rule: rule.alert, metric, declared: declared.has(metric) }).toEqual({
          rule: rule.alert,
          metric,
          declared: true,
        });
  });

  it('has a Grafana dashboard whose every panel queries metrics the services expose', () => {
    const dashboard = JSON.parse(
      readFileSync(join(root, 'deploy', 'observability', 'grafana', 'cvl-ledger.dashboard.json'), 'utf8'),
    ) as { panels: Array<{ title: string; targets: Array<{ expr: string }> }> };
    expect(dashboard.panels.length).toBeGreaterThan(5);
    for (const panel of dashboard.panels)
      for (const target of panel.targets) {
        expect(used(target.expr).length).toBeGreaterThan(0);
        for (const metric of used(target.expr))
          expect({ panel: panel.title, metric, declared: declared.has(metric) }).toEqual({
            panel: panel.title,
            metric,
            declared: true,
          });
      }
  });
});
