// @swc/jest options shared by every server-side project. decoratorMetadata is what lets Nest
// resolve constructor injection by type inside tests (toolchain pitfall P13).
module.exports = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};
