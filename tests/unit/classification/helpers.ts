/** Shared set-up for the classification tests: the bundled lists and model, and a test school. */
import { buildResources } from '../../../shared/classification/engine/resources';
import { defaultRuleSet } from '../../../shared/classification/keywords/defaults';
import { bundledModel } from '../../../shared/classification/model/load';
import { buildSchoolContext, SchoolProfileSchema } from '../../../shared/classification/school';

export const northbrook = buildSchoolContext(
  SchoolProfileSchema.parse({
    name: 'Northbrook Academy',
    aliases: ['Northbrook', 'Northbrook Acad'],
    handles: [{ platform: 'x', handle: 'NorthbrookAcad' }],
    staff: [
      { name: 'Tom Dunmore', title: 'Mr', role: 'Headteacher' },
      { name: 'Gareth Lloyd', title: 'Mr', role: 'Assistant Headteacher' },
      { name: 'Siobhan Keane', title: 'Ms', role: 'SENCO' },
      { name: 'Hannah Price', title: 'Miss', role: 'English teacher' },
      { name: 'Chinedu Okafor', title: 'Mr', role: 'Head of PE' },
    ],
  }),
);

let resources: ReturnType<typeof buildResources> | undefined;
/** The production configuration: bundled keyword lists and trained model. */
export const productionResources = () => (resources ??= buildResources(defaultRuleSet(), { model: bundledModel() }));
