import { request as httpRequest, IncomingMessage } from 'node:http';
import { Role } from '@steppingstone/core';
import { addMember, bearer, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { openIntake } from '../../factories/recruitment';
import { TestEnvironment } from '../../support/test-environment';

const MB = 1024 * 1024;

/**
 * An applicant file of `size` bytes that the import would take if it read it: 100 good rows, each
 * padded by a column the import ignores, so only the size cap stands between it and 100 new people.
 */
function applicantFile(size: number): Buffer {
  const rows = 100;
  const header = 'Name,Email,Notes\n';
  const padding = Math.ceil((size - header.length) / rows) - 60;
  const lines = Array.from({ length: rows }, (_, i) => `Applicant ${i},applicant-${i}@example.org,${'x'.repeat(padding)}\n`);
  return Buffer.from(header + lines.join(''), 'utf8');
}

interface Answer {
  status: number;
  body: { statusCode?: number; details?: Array<{ field: string; rule: string }> };
}

const answerOf = (response: IncomingMessage): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on('data', (c: Buffer) => chunks.push(c));
    response.on('end', () => resolve({ status: response.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') }));
    response.on('error', reject);
  });

describe('applicant files are refused by size while they arrive', () => {
  let env: TestEnvironment;
  let base: URL;
  let coordinator: SignedIn;

  beforeAll(async () => {
    env = await TestEnvironment.start();
    base = new URL(await env.listen());
    const admin = await signUpOrganisation(env);
    coordinator = await addMember(env, admin, Role.Coordinator);
  });
  afterAll(async () => env?.close());

  const importRequest = (intakeId: string, headers: Record<string, string | number>) =>
    httpRequest({
      host: base.hostname,
      port: base.port,
      method: 'POST',
      path: `/intakes/${intakeId}/applicants/import?dryRun=false`,
      headers: { 'Content-Type': 'text/csv', ...bearer(coordinator), ...headers },
    });
  const applicantsIn = async (intakeId: string) => (await env.http.get('/applications').query({ intakeId }).set(bearer(coordinator)).expect(200)).body.total as number;
  const refusedAsTooLarge = (answer: Answer) =>
    expect(answer).toEqual({ status: 413, body: expect.objectContaining({ statusCode: 413, details: [expect.objectContaining({ field: 'body', rule: 'entity.too.large' })] }) });

  it('answers 413 to a 15 MB file from its Content-Length, before the client has sent the rest of it', async () => {
    const intake = await openIntake(env, coordinator);
    const file = applicantFile(15 * MB);
    const request = importRequest(intake.id, { 'Content-Length': file.length });
    let timer: NodeJS.Timeout | undefined;
    try {
      const answered = new Promise<IncomingMessage>((resolve, reject) => {
        request.on('response', resolve).on('error', reject);
        // Only reached when the server waits for bytes that never come, i.e. reads before it refuses.
        timer = setTimeout(() => reject(new Error('no answer 20 s after the first megabyte: the server is waiting for the rest of the file')), 20_000);
      });
      // Only the first megabyte goes out; the answer must come without the other fourteen.
      request.write(file.subarray(0, MB));
      refusedAsTooLarge(await answerOf(await answered));
    } finally {
      clearTimeout(timer);
      request.destroy();
    }
    expect(await applicantsIn(intake.id)).toBe(0);
  });

  it('answers 413 to a whole 15 MB file and stores nobody from it', async () => {
    const intake = await openIntake(env, coordinator);
    const response = await env.http
      .post(`/intakes/${intake.id}/applicants/import`)
      .query({ dryRun: false })
      .set(bearer(coordinator))
      .set('Content-Type', 'text/csv')
      .send(applicantFile(15 * MB));
    refusedAsTooLarge({ status: response.status, body: response.body });
    expect(await applicantsIn(intake.id)).toBe(0);
  });

  it('answers 413 to a 15 MB file sent in chunks without a Content-Length, and stores nobody from it', async () => {
    const intake = await openIntake(env, coordinator);
    const file = applicantFile(15 * MB);
    const request = importRequest(intake.id, { 'Transfer-Encoding': 'chunked' });
    const answered = new Promise<IncomingMessage>((resolve, reject) => request.on('response', resolve).on('error', reject));
    for (let at = 0; at < file.length; at += 256 * 1024) request.write(file.subarray(at, at + 256 * 1024));
    request.end();
    const response = await answered;
    refusedAsTooLarge(await answerOf(response));
    expect(await applicantsIn(intake.id)).toBe(0);
  });

  it('still imports a file just under 5 MB', async () => {
    const intake = await openIntake(env, coordinator);
    const response = await env.http
      .post(`/intakes/${intake.id}/applicants/import`)
      .query({ dryRun: false })
      .set(bearer(coordinator))
      .set('Content-Type', 'text/csv')
      .send(applicantFile(4.9 * MB));
    expect({ status: response.status, created: response.body.created }).toEqual({ status: 201, created: 100 });
    expect(await applicantsIn(intake.id)).toBe(100);
  });
});
