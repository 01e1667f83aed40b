// monaco-yaml's language worker (schema validation, completion, hover for exercise YAML).
import 'monaco-yaml/yaml.worker';
