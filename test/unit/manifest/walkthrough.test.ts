import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The Getting Started walkthrough, as each language shows it: VS Code replaces every %key% of
 * package.json (media paths included, so each language has its own Markdown), so the checks run
 * over the manifest resolved with every package.nls*.json. A step whose media is missing shows an
 * empty pane, and a button for a command nobody contributes does nothing when clicked.
 */
const root = path.resolve(__dirname, '../../..');
const manifestText = readFileSync(path.join(root, 'package.json'), 'utf8');

interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string; image?: string; altText?: string; svg?: string };
  completionEvents?: string[];
}
interface Walkthrough {
  id: string;
  title: string;
  steps: Step[];
}

const languages = readdirSync(root).filter((file) => /^package\.nls(\.[\w-]+)?\.json$/.test(file));
const contributed = JSON.parse(manifestText) as { contributes: { commands: { command: string }[]; views: Record<string, { id: string }[]> } };
const commands = new Set(contributed.contributes.commands.map((c) => c.command));
const views = new Set(Object.values(contributed.contributes.views).flat().map((v) => v.id));

function walkthroughsIn(nlsFile: string): Walkthrough[] {
  const messages = JSON.parse(readFileSync(path.join(root, nlsFile), 'utf8')) as Record<string, string>;
  const resolved = JSON.parse(manifestText, (_key, value: unknown) => (typeof value === 'string' && /^%[^%]+%$/.test(value) ? messages[value.slice(1, -1)] ?? value : value));
  return resolved.contributes.walkthroughs as Walkthrough[];
}

function commandLinks(text: string): string[] {
  return [...text.matchAll(/\]\(command:([\w.-]+)/g)].map((m) => m[1]);
}

describe('Getting Started walkthrough', () => {
  it('is contributed, and every package.nls file translates it', () => {
    assert.ok(languages.includes('package.nls.json'));
    assert.ok(languages.length > 1, 'at least one translation');
    for (const walkthrough of walkthroughsIn('package.nls.json')) assert.ok(walkthrough.steps.length > 0, `${walkthrough.id} has steps`);
  });

  for (const language of languages) {
    describe(language, () => {
      const steps = walkthroughsIn(language).flatMap((walkthrough) => walkthrough.steps);

      it('has a title, a description and media for every step, and every media file exists', () => {
        for (const step of steps) {
          assert.ok(!/%/.test(step.title) && step.description && !/^%.*%$/.test(step.description), `${step.id} has its own text`);
          // Step descriptions render links only: backticks and asterisks would show as typed.
          assert.doesNotMatch(step.description, /`|\*\*/, `${step.id}'s description has no Markdown but links`);
          const files = [step.media.markdown, step.media.image, step.media.svg].filter((file): file is string => file !== undefined);
          assert.equal(files.length, 1, `${step.id} has one media file`);
          assert.ok(existsSync(path.join(root, files[0])), `${step.id}: ${files[0]} exists`);
          if (step.media.image) assert.ok(step.media.altText && !/^%.*%$/.test(step.media.altText), `${step.id}'s image has alt text`);
        }
      });

      it('links only contributed commands, in descriptions and in the Markdown beside them', () => {
        const linked = steps.flatMap((step) => [
          ...commandLinks(step.description),
          ...(step.media.markdown ? commandLinks(readFileSync(path.join(root, step.media.markdown), 'utf8')) : []),
        ]);
        assert.deepEqual(linked.filter((command) => !commands.has(command)), []);
      });

      it('offers each step\'s command as a button and marks the step done when it runs', () => {
        for (const step of steps) {
          const [button] = commandLinks(step.description);
          assert.ok(button, `${step.id} has a button`);
          assert.ok(step.completionEvents?.includes(`onCommand:${button}`), `${step.id} completes on ${button}`);
        }
      });
    });
  }

  it('completes steps only on contributed commands and views', () => {
    const events = walkthroughsIn('package.nls.json').flatMap((w) => w.steps.flatMap((step) => step.completionEvents ?? []));
    const unknown = events.filter((event) => {
      const [kind, id] = event.split(/:(.*)/s);
      return kind === 'onCommand' ? !commands.has(id) : kind === 'onView' ? !views.has(id) : true;
    });
    assert.deepEqual(unknown, []);
  });
});
