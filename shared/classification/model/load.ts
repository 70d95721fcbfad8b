/** The committed model (data/model/model.json), bundled with the code and validated once at load. */
import modelJson from '../../../data/model/model.json';
import { LinearModel, ModelFileSchema } from './linear-model';

let loaded: LinearModel | undefined;

export const bundledModel = (): LinearModel => (loaded ??= new LinearModel(ModelFileSchema.parse(modelJson)));
