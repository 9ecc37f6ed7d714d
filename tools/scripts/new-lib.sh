#!/usr/bin/env bash
# Creates a library project in the house layout: new-lib.sh <dir> <name> <scope> <type> [node|angular]
set -euo pipefail
dir=$1 name=$2 scope=$3 type=$4 kind=${5:-node}
depth=$(echo "$dir" | awk -F/ '{print NF}')
up=$(printf '../%.0s' $(seq "$depth"))
mkdir -p "$dir/src/lib"
cat > "$dir/project.json" <<JSON
{
  "name": "$name",
  "\$schema": "${up}node_modules/nx/schemas/project-schema.json",
  "sourceRoot": "$dir/src",
  "projectType": "library",
  "tags": ["scope:$scope", "type:$type"],
  "targets": {}
}
JSON
if [ "$kind" = node ]; then
cat > "$dir/tsconfig.json" <<JSON
{
  "extends": "${up}tsconfig.base.json",
  "compilerOptions": { "module": "commonjs", "types": ["node", "jest"] },
  "include": ["src/**/*.ts"]
}
JSON
cat > "$dir/jest.config.cts" <<JS
/* eslint-disable */
module.exports = {
  displayName: '$name',
  preset: '${up}jest.preset.js',
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  transform: { '^.+\\\\.[tj]s\$': ['@swc/jest', require('${up}tools/jest/swc.config.cjs')] },
  moduleFileExtensions: ['ts', 'js'],
  coverageDirectory: '${up}coverage/$dir',
};
JS
fi
[ -f "$dir/src/index.ts" ] || echo "export {};" > "$dir/src/index.ts"
