/**
 * The @nestjs/swagger CLI plugin, applied to the shared DTO library only
 * (libs/shared/api-interfaces/src/dto/*.dto.ts): it writes each request body's OpenAPI schema
 * from the TypeScript types and, with `classValidatorShim`, from class-validator's limits (min,
 * max, pattern, length, enum). The library's own decorators (fields.ts, validators.ts) carry
 * explicit `@ApiProperty` metadata, which wins over what the plugin infers.
 *
 * Used by the api's webpack build (NxAppWebpackPlugin `transformers`) and by its Jest config
 * (ts-jest `astTransformers`), so that the built server and the tests describe the same API.
 */
const swaggerPlugin = require('@nestjs/swagger/plugin');

const DTO_FOLDER = /[\\/]libs[\\/]shared[\\/]api-interfaces[\\/]src[\\/]dto[\\/][^\\/]+\.dto\.ts$/;

const OPTIONS = {
  dtoFileNameSuffix: ['.dto.ts'],
  classValidatorShim: true,
  introspectComments: true,
};

/** TypeScript `before` transformer for a program: the plugin on DTO files, others untouched. */
function before(options, program) {
  const transformer = swaggerPlugin.before({ ...OPTIONS, ...options }, program);
  return (context) => {
    const transform = transformer(context);
    return (sourceFile) =>
      DTO_FOLDER.test(sourceFile.fileName) ? transform(sourceFile) : sourceFile;
  };
}

module.exports = {
  // Nx (`loadTsTransformers`): `{ before(options, program) }`.
  before,
  // ts-jest (`astTransformers.before`): name and version key its cache; `factory` gets its compiler.
  name: 'confidant-openapi-plugin',
  version: 1,
  factory: (compiler, options) => before(options ?? {}, compiler.program),
};
