export * from './lib/render-as';
