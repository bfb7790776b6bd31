import { useRef } from 'react';
import { copyToClipboard, exportJson, exportYaml, importFile } from './import-export';

/** Toolbar buttons: "Import" (file chooser), "Export" (.asl.json), "Export YAML", "Copy". */
export function IoButtons() {
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="tb-group">
      <button type="button" className="btn" onClick={() => input.current?.click()} title="Import a .json, .asl.json, .yaml or .yml file">
        Import
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,.asl.json,.yaml,.yml,application/json,application/yaml,text/yaml"
        hidden
        data-testid="import-input"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void importFile(f);
        }}
      />
      <button type="button" className="btn" onClick={exportJson} title="Download <name>.asl.json">
        Export
      </button>
      <button type="button" className="btn" onClick={exportYaml} title="Download <name>.asl.yaml">
        Export YAML
      </button>
      <button type="button" className="btn" onClick={() => void copyToClipboard()} title="Copy the definition to the clipboard">
        Copy
      </button>
    </div>
  );
}
