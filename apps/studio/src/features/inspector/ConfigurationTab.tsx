/** The Configuration tab: name, Comment, QueryLanguage, the type's own fields, and Next/End. */
import { ChoiceFields } from './ChoiceRules';
import { CommentField, NameField, NextField, QueryLanguageField } from './common-fields';
import { Section } from './controls';
import { hasTransition, type StateView } from './model';
import { FailFields, MapFields, ParallelFields, PassFields, TaskFields, WaitFields } from './type-fields';

function TypeFields({ view }: { view: StateView }) {
  switch (view.type) {
    case 'Task':
      return <TaskFields view={view} />;
    case 'Choice':
      return <ChoiceFields view={view} />;
    case 'Wait':
      return <WaitFields view={view} />;
    case 'Pass':
      return <PassFields view={view} />;
    case 'Fail':
      return <FailFields view={view} />;
    case 'Parallel':
      return <ParallelFields view={view} />;
    case 'Map':
      return <MapFields view={view} />;
    case 'Succeed':
      return <p className="ifield-hint">A Succeed state ends its workflow (or branch, or iteration) successfully.</p>;
    case undefined:
      return <p className="ifield-error">Unknown state Type {JSON.stringify(view.state.Type)}: fix it in the JSON tab.</p>;
  }
}

/** Configuration of the selected state. */
export function ConfigurationTab({ view }: { view: StateView }) {
  return (
    <>
      <Section title="State">
        <NameField name={view.name} />
        <CommentField view={view} />
        <QueryLanguageField view={view} />
      </Section>
      <TypeFields view={view} />
      {hasTransition(view.type) ? (
        <Section title="Transition">
          <NextField view={view} />
        </Section>
      ) : null}
    </>
  );
}
